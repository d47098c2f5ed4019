#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "post/labels.h"
#include "test_util.h"

namespace post {
namespace {

std::vector<LabelKernel> Kernels() {
  std::vector<LabelKernel> kernels;
  for (auto k : {LabelKernel::kScalar, LabelKernel::kAvx2, LabelKernel::kAvx512}) {
    if (LabelKernelSupported(k)) kernels.push_back(k);
  }
  return kernels;
}

TEST_CASE("every label vector matches on every kernel this CPU runs", "[labels]") {
  auto vectors = test::LoadVectors("labels.json");
  for (LabelKernel kernel : Kernels()) {
    INFO("kernel " << LabelKernelName(kernel));
    for (const auto& c : vectors["cases"]) {
      const base::Hash32 commitment = test::Hex32(c["commitment"]);
      for (const auto& [n_text, labels] : c["labels"].items()) {
        const uint32_t n = uint32_t(std::stoul(n_text));
        std::vector<uint64_t> indices;
        std::vector<std::string> expected;
        for (const auto& [index_text, full] : labels.items()) {
          indices.push_back(std::stoull(index_text));
          expected.push_back(full);
        }
        // Full outputs, one index at a time.
        for (size_t i = 0; i < indices.size(); ++i) {
          INFO("case " << c["name"] << " N=" << n << " index " << indices[i]);
          uint8_t full[32];
          ComputeLabels(commitment, n, indices[i], 1, nullptr, full, kernel);
          CHECK(test::HexOf(full) == expected[i]);
        }
        // Stored labels, all indices in one call (fills the SIMD lanes with mixed indices).
        std::vector<uint8_t> stored(indices.size() * 16);
        ComputeLabelsAt(commitment, n, indices, stored.data(), kernel);
        for (size_t i = 0; i < indices.size(); ++i) {
          CHECK(test::HexOf({stored.data() + 16 * i, 16}) == expected[i].substr(0, 32));
        }
      }
    }
  }
}

TEST_CASE("kernels agree on a long contiguous range", "[labels]") {
  const base::Hash32 commitment = test::Hex32("8f38ddcd36ce02022d002a481b9e89d15559f85c75f337847a2d85c3c7a14737");
  const size_t count = 101;  // not a multiple of any lane count
  std::vector<uint8_t> reference(count * 32);
  ComputeLabels(commitment, 64, 5000, count, nullptr, reference.data(), LabelKernel::kScalar);
  for (LabelKernel kernel : Kernels()) {
    INFO("kernel " << LabelKernelName(kernel));
    std::vector<uint8_t> labels(count * 16), full(count * 32);
    ComputeLabels(commitment, 64, 5000, count, labels.data(), full.data(), kernel);
    CHECK(full == reference);
    for (size_t i = 0; i < count; ++i) {
      CHECK(std::equal(labels.begin() + i * 16, labels.begin() + i * 16 + 16, full.begin() + i * 32));
    }
  }
}

TEST_CASE("the automatic plan is right for every remainder shape", "[labels]") {
  // Remainders after whole calls go to scalar, one AVX2 group, one AVX-512 group or a whole
  // call depending on their size; each count below lands on a different one.
  const base::Hash32 commitment = test::Hex32("8f38ddcd36ce02022d002a481b9e89d15559f85c75f337847a2d85c3c7a14737");
  std::vector<uint8_t> reference(64 * 32);
  ComputeLabels(commitment, 64, 7, 64, nullptr, reference.data(), LabelKernel::kScalar);
  for (size_t count : {1, 2, 4, 5, 8, 9, 16, 17, 31, 32, 33, 34, 37, 45, 60, 64}) {
    INFO("count " << count);
    std::vector<uint8_t> full(count * 32);
    ComputeLabels(commitment, 64, 7, count, nullptr, full.data(), LabelKernel::kAuto);
    CHECK(std::equal(full.begin(), full.end(), reference.begin()));
  }
}

TEST_CASE("the ROMix scratch asks for huge pages", "[labels]") {
  // At N = 8192 each lane's scratch is 1 MiB, read back at random.
  const base::Hash32 commitment{};
  std::vector<uint8_t> labels(4 * 16);
  ComputeLabels(commitment, 8192, 0, 4, labels.data(), nullptr, LabelKernel::kScalar);
  if (!test::KernelHasHugePages()) return;  // nothing to advise on such kernels
  const auto advised = test::HugePageAdvisedMappings();
  CHECK(std::any_of(advised.begin(), advised.end(),
                    [](size_t s) { return s >= (size_t(1) << 20) && s < (size_t(256) << 20); }));
}

TEST_CASE("ComputeFullLabel equals the batched computation", "[labels]") {
  const base::Hash32 commitment = test::Hex32("4d006976636a8696d909a630a4081aad4d7c50f81afdee04020bf05086ab6a55");
  auto full = ComputeFullLabel(commitment, 1000, 16);
  CHECK(test::HexOf(full) == "8fd9021b1b4441534cd2b6caeeee73ba06a76737aa03b6a97857aa25127f634b");
}

}  // namespace
}  // namespace post
