// The tiny PoS data set (N = 16, 2048 labels in files of 1000): file hashes and the VRF nonce,
// streamed in batches that straddle file boundaries.
#include <openssl/sha.h>

#include <catch2/catch.hpp>

#include "test_support.h"

namespace sm::opencl::testing {
namespace {

std::string Sha256Hex(const std::vector<uint8_t>& data) {
  uint8_t digest[SHA256_DIGEST_LENGTH];
  SHA256(data.data(), data.size(), digest);
  return base::ToHex({digest, sizeof(digest)});
}

void CheckDataset(const Options& options, bool stream) {
  const nlohmann::json d = LoadVectors("postdata-tiny.json")["dataset"];
  const uint64_t total = d["labels_per_unit"].get<uint64_t>() * d["num_units"].get<uint64_t>();
  const uint64_t per_file = d["max_file_size"].get<uint64_t>() / 16;
  const base::Hash32 commitment = VectorHash32(d["commitment"]);
  const std::vector<uint8_t> difficulty = VectorBytes(d["vrf_difficulty"]);
  std::unique_ptr<GpuInitializer> init = MakeInitializer(d["scrypt"]["n"].get<uint32_t>(), options);

  std::vector<std::vector<uint8_t>> files((total + per_file - 1) / per_file);
  std::optional<VrfCandidate> best;
  if (stream) {
    uint64_t expected_next = 0;
    const base::Status s = init->ComputeStream(
        commitment, 0, total, difficulty.data(), &best, [&](uint64_t first, std::span<const uint8_t> labels) {
          REQUIRE(first == expected_next);
          for (size_t i = 0; i < labels.size() / 16; ++i) {
            auto& file = files[(first + i) / per_file];
            file.insert(file.end(), labels.begin() + 16 * i, labels.begin() + 16 * (i + 1));
          }
          expected_next += labels.size() / 16;
          return base::Status::Ok();
        });
    INFO(s.ToString());
    REQUIRE(s.ok());
  } else {
    std::vector<uint8_t> all(total * 16);
    const base::Status s = init->Compute(commitment, 0, total, all.data(), difficulty.data(), &best);
    INFO(s.ToString());
    REQUIRE(s.ok());
    for (uint64_t f = 0; f < files.size(); ++f) {
      files[f].assign(all.begin() + f * per_file * 16, all.begin() + std::min(total, (f + 1) * per_file) * 16);
    }
  }
  REQUIRE(files.size() == d["files"].size());
  for (size_t f = 0; f < files.size(); ++f) {
    INFO(d["files"][f]["name"]);
    CHECK(files[f].size() == d["files"][f]["size"].get<size_t>());
    CHECK(Sha256Hex(files[f]) == d["files"][f]["sha256"].get<std::string>());
  }
  REQUIRE(best.has_value());
  CHECK(best->index == d["vrf_nonce"].get<uint64_t>());
  CHECK(base::ToHex(best->label) == d["vrf_nonce_label"].get<std::string>());
}

}  // namespace

TEST_CASE("tiny data set: streamed batches give the reference files and VRF nonce", "[opencl][postdata]") {
  Options o;
  o.kernel = Kernel::kLane1;
  o.lookup_gap = 2;
  o.lanes = 96;  // batches cross the 1000-label file boundaries
  CheckDataset(o, true);
}

TEST_CASE("tiny data set: one Compute call, lane4 kernel, lookup gap 3", "[opencl][postdata]") {
  Options o;
  o.kernel = Kernel::kLane4Local;
  o.lookup_gap = 3;
  o.lanes = 200;
  CheckDataset(o, false);
}

}  // namespace sm::opencl::testing
