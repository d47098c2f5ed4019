// SCALE encoder and decoder against go-scale v1.2.1's rules (reference/activation.md §2.1).
#include "node/wire/scale.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>

#include "wire_test_util.h"

namespace {

using node::wire::Decoder;
using node::wire::Encoder;
using node::wire::FieldPath;
using node::wire::test::Contains;
using node::wire::test::Unhex;

std::string EncodeCompact64(uint64_t value) {
  Encoder enc;
  enc.Compact64(value);
  return base::ToHex(*std::move(enc).Finish());
}

std::string EncodeCompact32(uint32_t value) {
  Encoder enc;
  enc.Compact32(value);
  return base::ToHex(*std::move(enc).Finish());
}

// Decodes one compact64 that must be the whole input; the status when it fails.
base::Result<uint64_t> DecodeCompact64(std::string_view hex) {
  const auto bytes = Unhex(hex);
  Decoder dec(bytes);
  const uint64_t value = dec.Compact64("v");
  if (auto status = dec.Finish(); !status.ok()) return status;
  return value;
}

base::Result<uint32_t> DecodeCompact32(std::string_view hex) {
  const auto bytes = Unhex(hex);
  Decoder dec(bytes);
  const uint32_t value = dec.Compact32("v");
  if (auto status = dec.Finish(); !status.ok()) return status;
  return value;
}

}  // namespace

TEST_CASE("compact integers encode in the smallest mode at every boundary", "[wire][scale]") {
  struct Case {
    uint64_t value;
    const char* hex;
  };
  const Case cases[] = {
      {0, "00"},
      {1, "04"},
      {63, "fc"},
      {64, "0101"},
      {16383, "fdff"},
      {16384, "02000100"},
      {(1u << 30) - 1, "feffffff"},
      {1u << 30, "0300000040"},
      {0xffffffffu, "03ffffffff"},
      {uint64_t{1} << 32, "070000000001"},
      {std::numeric_limits<uint64_t>::max(), "13ffffffffffffffff"},
  };
  for (const Case& c : cases) {
    INFO(c.value);
    CHECK(EncodeCompact64(c.value) == c.hex);
    auto decoded = DecodeCompact64(c.hex);
    REQUIRE(decoded.ok());
    CHECK(*decoded == c.value);
    if (c.value <= 0xffffffffu) {
      CHECK(EncodeCompact32(static_cast<uint32_t>(c.value)) == c.hex);
      auto decoded32 = DecodeCompact32(c.hex);
      REQUIRE(decoded32.ok());
      CHECK(*decoded32 == c.value);
    }
  }
}

TEST_CASE("non-minimal compact forms are rejected", "[wire][scale]") {
  // Mode 1 holding a value below 64, mode 2 below 16384, big-int forms below 2^30.
  const char* rejected[] = {"0100", "fd00", "02000000", "feff0000", "03ffffff3f", "0300000000", "070000000000"};
  for (const char* hex : rejected) {
    INFO(hex);
    auto decoded = DecodeCompact64(hex);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.status().code() == base::Status::Code::kInvalidArgument);
    CHECK(Contains(decoded.status().message(), "not minimally encoded"));
  }
  // The big-int byte count is not checked, as in the reference: 2^30 in 5 bytes is accepted.
  auto padded = DecodeCompact64("070000004000");
  REQUIRE(padded.ok());
  CHECK(*padded == (uint64_t{1} << 30));
}

TEST_CASE("big-int headers longer than the integer are rejected", "[wire][scale]") {
  // compact32 allows only 4 big-int bytes, compact64 only 8.
  auto too_long32 = DecodeCompact32("070000000001");
  REQUIRE_FALSE(too_long32.ok());
  CHECK(Contains(too_long32.status().message(), "5 bytes exceeds 4"));
  auto too_long64 = DecodeCompact64("17000000000000000001");
  REQUIRE_FALSE(too_long64.ok());
  CHECK(Contains(too_long64.status().message(), "9 bytes exceeds 8"));
}

TEST_CASE("truncated input is rejected", "[wire][scale]") {
  for (const char* hex : {"", "01", "020000", "03ffffff", "13ffffffffffffff"}) {
    INFO(hex);
    auto decoded = DecodeCompact64(hex);
    REQUIRE_FALSE(decoded.ok());
    CHECK(Contains(decoded.status().message(), "truncated"));
  }
  const auto bytes = Unhex("0c0102");  // length 3, 2 bytes follow
  Decoder dec(bytes);
  CHECK(dec.Bytes("data", 10).empty());
  CHECK(Contains(dec.Finish().message(), "data: truncated"));
}

TEST_CASE("options: 0 is None, 1 is Some, any other byte is None", "[wire][scale]") {
  Encoder enc;
  enc.Option(false);
  enc.Option(true);
  CHECK(base::ToHex(*std::move(enc).Finish()) == "0001");
  const auto bytes = Unhex("000102ff");
  Decoder dec(bytes);
  CHECK_FALSE(dec.Option("a"));
  CHECK(dec.Option("b"));
  CHECK_FALSE(dec.Option("c"));
  CHECK_FALSE(dec.Option("d"));
  CHECK(dec.Finish().ok());
}

TEST_CASE("byte slices carry a compact length and respect their maximum", "[wire][scale]") {
  const std::vector<uint8_t> three = {0xaa, 0xbb, 0xcc};
  Encoder enc;
  enc.Bytes("x", three, 3);
  CHECK(base::ToHex(*std::move(enc).Finish()) == "0caabbcc");

  Encoder too_long;
  too_long.Bytes("x", three, 2);
  auto failed = std::move(too_long).Finish();
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().message() == "x: length 3 exceeds 2");

  const auto bytes = Unhex("0caabbcc");
  Decoder at_max(bytes);
  CHECK(at_max.Bytes("x", 3) == three);
  CHECK(at_max.Finish().ok());
  Decoder over_max(bytes);
  CHECK(over_max.Bytes("x", 2).empty());
  CHECK(over_max.Finish().message() == "x: length 3 exceeds 2");
}

TEST_CASE("counts above their maximum fail both ways", "[wire][scale]") {
  Encoder enc;
  enc.Count("nodes", 33, 32);
  CHECK_FALSE(std::move(enc).Finish().ok());
  const auto bytes = Unhex("8400");  // 33
  Decoder dec(bytes);
  CHECK(dec.Count("nodes", 32) == 0);
  CHECK(dec.Finish().message() == "nodes: length 33 exceeds 32");
}

TEST_CASE("trailing bytes fail Finish", "[wire][scale]") {
  const auto bytes = Unhex("040000");
  Decoder dec(bytes);
  CHECK(dec.Compact32("v") == 1);
  CHECK(dec.ok());
  const base::Status status = dec.Finish();
  CHECK(status.code() == base::Status::Code::kInvalidArgument);
  CHECK(status.message() == "2 trailing bytes");
}

TEST_CASE("the first error sticks and names the field path", "[wire][scale]") {
  const auto bytes = Unhex("0100ff");
  Decoder dec(bytes);
  {
    FieldPath::Scope outer(dec.path(), "nipost");
    FieldPath::Scope inner(dec.path(), "nodes", 3);
    CHECK(dec.Compact64("leaf_index") == 0);
  }
  CHECK(dec.Compact64("later") == 0);  // ignored after the failure
  const base::Status status = dec.Finish();
  CHECK(status.message() == "nipost.nodes[3].leaf_index: compact value 0 is not minimally encoded");
}

TEST_CASE("fixed arrays are raw bytes", "[wire][scale]") {
  const base::Hash32 id = node::wire::test::Filled(0x42);
  Encoder enc;
  enc.Fixed(id);
  const auto bytes = *std::move(enc).Finish();
  CHECK(bytes.size() == 32);
  Decoder dec(bytes);
  base::Hash32 out{};
  dec.Fixed("id", out);
  CHECK(out == id);
  CHECK(dec.Finish().ok());
}
