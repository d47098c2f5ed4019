#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "post/blake3.h"
#include "test_util.h"

namespace post {
namespace {

// The official test-vector input: byte i is i % 251.
std::vector<uint8_t> OfficialInput(size_t len) {
  std::vector<uint8_t> in(len);
  for (size_t i = 0; i < len; ++i) in[i] = uint8_t(i % 251);
  return in;
}

std::string B3sum(const std::vector<uint8_t>& input, size_t out_len) {
  test::TempDir dir;
  auto file = dir.path() / "input.bin";
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(input.data()), input.size());
  std::string cmd = "b3sum --no-names -l " + std::to_string(out_len) + " " + file.string();
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096] = {};
  size_t n = fread(buf, 1, sizeof(buf) - 1, pipe);
  REQUIRE(pclose(pipe) == 0);
  std::string out(buf, n);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

TEST_CASE("blake3 matches the official vectors", "[blake3]") {
  // From the BLAKE3 reference test_vectors.json (hash mode, first 32 bytes).
  CHECK(test::HexOf(Blake3Hash({OfficialInput(0)})) ==
        "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
  CHECK(test::HexOf(Blake3Hash({OfficialInput(1)})) ==
        "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213");
  CHECK(test::HexOf(Blake3Hash({OfficialInput(1024)})) ==
        "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7");
  CHECK(test::HexOf(Blake3Hash({OfficialInput(1025)})) ==
        "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444");
}

TEST_CASE("blake3 agrees with b3sum on many lengths, split updates and XOF seeks", "[blake3]") {
  for (size_t len : {0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 2049, 3072, 5000, 16385, 65537}) {
    auto input = OfficialInput(len);
    const std::string expected = B3sum(input, 131);
    Blake3 whole;
    whole.Update(input);
    std::vector<uint8_t> out(131);
    whole.Finalize(out);
    CHECK(test::HexOf(out) == expected);

    Blake3 split;  // uneven pieces exercise the buffering across chunk boundaries
    for (size_t pos = 0; pos < len;) {
      size_t take = std::min(len - pos, size_t(7 + pos % 300));
      split.Update({input.data() + pos, take});
      pos += take;
    }
    std::vector<uint8_t> tail(67);
    split.Finalize(tail, 64);
    CHECK(test::HexOf(tail) == expected.substr(128));
  }
}

TEST_CASE("the label commitment is BLAKE3(node_id || atx_id)", "[blake3]") {
  auto vectors = test::LoadVectors("labels.json");
  for (const auto& c : vectors["cases"]) {
    base::Hash32 node = test::Hex32(c["node_id"]), atx = test::Hex32(c["commitment_atx_id"]);
    CHECK(test::HexOf(Blake3Hash({node, atx})) == c["commitment"].get<std::string>());
  }
}

}  // namespace
}  // namespace post
