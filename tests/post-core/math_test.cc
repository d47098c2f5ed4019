// Difficulty, index packing, the random-values picker and the VRF nonce scan.
#include <catch2/catch.hpp>
#include <string>

#include "post/compression.h"
#include "post/difficulty.h"
#include "post/initialize.h"
#include "post/labels.h"
#include "post/random_values.h"
#include "test_util.h"

namespace post {
namespace {

TEST_CASE("proving difficulty", "[math]") {
  auto v = test::LoadVectors("misc.json")["proving_difficulty"];
  for (const auto& c : v["cases"]) {
    auto d = ProvingDifficulty(c[0], c[1]);
    REQUIRE(d.has_value());
    CHECK(std::to_string(*d) == c[2].get<std::string>());
  }
  CHECK_FALSE(ProvingDifficulty(1, 0).has_value());
  CHECK_FALSE(ProvingDifficulty(2, 1).has_value());
  CHECK_FALSE(ProvingDifficulty(1, 1).has_value());
  auto split = Split(uint64_t(1) << 59);
  CHECK(split.msb == 0x08);
  CHECK(split.lsb == 0);
}

TEST_CASE("k2pow difficulty scaling", "[math]") {
  auto v = test::LoadVectors("misc.json")["pow_difficulty_scaling"];
  for (const auto& c : v["cases"]) {
    CHECK(test::HexOf(ScalePowDifficulty(test::Hex32(c[0]), c[1])) == c[2].get<std::string>());
  }
}

TEST_CASE("VRF difficulty is (2^256 / labels) << 3", "[math]") {
  CHECK(test::HexOf(VrfDifficulty(2048)) == "0100000000000000000000000000000000000000000000000000000000000000");
  CHECK(test::HexOf(VrfDifficulty(uint64_t(1) << 34)) ==
        "0000000200000000000000000000000000000000000000000000000000000000");
  CHECK(test::HexOf(VrfDifficulty(1)) ==  // 2^259 does not fit: the top bits drop
        "0000000000000000000000000000000000000000000000000000000000000000");
}

TEST_CASE("index compression", "[math]") {
  auto v = test::LoadVectors("misc.json")["compression"];
  std::vector<uint64_t> indices = v["indices"].get<std::vector<uint64_t>>();
  CHECK(test::HexOf(CompressIndices(indices, 3)) == v["bits3"].get<std::string>());
  CHECK(test::HexOf(CompressIndices(indices, 16)) == v["bits16"].get<std::string>());
  CHECK(DecompressIndices(test::Hex(v["bits16"]), 16, 4) == indices);
  for (const auto& [n, bits] : v["required_bits"].items()) {
    CHECK(RequiredBits(std::stoull(n)) == bits.get<uint32_t>());
  }
  const auto misc = test::LoadVectors("misc.json");  // outlives the loop over its parts
  for (const auto& c : misc["expected_indices_bytes"]["cases"]) {
    CHECK(ExpectedIndicesBytes(c[0], c[1]) == c[2].get<size_t>());
  }
  std::vector<uint64_t> wide = {0, (uint64_t(1) << 40) - 1, 123456789012ULL, 1};
  CHECK(DecompressIndices(CompressIndices(wide, 41), 41, 4) == wide);
}

TEST_CASE("random values picker", "[math]") {
  auto v = test::LoadVectors("misc.json")["random_values"];
  std::vector<uint64_t> items(100);
  for (uint64_t i = 0; i < 100; ++i) items[i] = i;
  CHECK(PickRandomValues(items, 100, {}) == v["expect"].get<std::vector<uint64_t>>());
  auto first10 = PickRandomValues(items, 10, {});
  CHECK(std::equal(first10.begin(), first10.end(), v["expect"].begin()));
}

TEST_CASE("VRF nonce scan over an index range", "[math]") {
  auto v = test::LoadVectors("misc.json")["vrf_nonce_scan"];
  const base::Hash32 commitment = test::Hex32(v["commitment"]);
  const uint64_t first = v["first_index"], last = v["last_index"];
  auto generator = MakeCpuGenerator(commitment, v["scrypt_n"], 0);
  std::vector<uint8_t> labels((last - first + 1) * 16);
  std::optional<VrfNonce> best;
  FullLabel below;
  auto bytes = test::Hex(v["difficulty"]);
  std::copy(bytes.begin(), bytes.end(), below.begin());
  REQUIRE(generator->Generate(first, last - first + 1, labels.data(), below, &best).ok());
  REQUIRE(best.has_value());
  CHECK(best->index == v["expect_nonce"].get<uint64_t>());
  CHECK(test::HexOf(best->label) == v["expect_label"].get<std::string>());

  FullLabel hard{};  // 00 00 00 ff ff ...
  std::fill(hard.begin() + 3, hard.end(), 0xff);
  REQUIRE(generator->Generate(first, last - first + 1, labels.data(), hard, &best).ok());
  CHECK_FALSE(best.has_value());
}

}  // namespace
}  // namespace post
