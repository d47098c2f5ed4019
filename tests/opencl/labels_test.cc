// Every labels.json vector (full 32-byte outputs) on the test device, for each ROMix kernel and
// several lookup gaps.
#include <algorithm>
#include <catch2/catch.hpp>

#include "test_support.h"

namespace sm::opencl::testing {
namespace {

// Checks every vector of `scrypt_n`; contiguous indices share one call.
void CheckVectors(uint32_t scrypt_n, const Options& options) {
  const nlohmann::json vectors = LoadVectors("labels.json");
  std::unique_ptr<GpuInitializer> init = MakeInitializer(scrypt_n, options);
  for (const auto& c : vectors["cases"]) {
    const base::Hash32 commitment = VectorHash32(c["commitment"]);
    const nlohmann::json& labels = c["labels"][std::to_string(scrypt_n)];
    std::vector<uint64_t> indices;
    for (const auto& item : labels.items()) indices.push_back(std::stoull(item.key()));
    std::sort(indices.begin(), indices.end());
    for (size_t begin = 0; begin < indices.size();) {
      size_t end = begin + 1;
      while (end < indices.size() && indices[end] == indices[end - 1] + 1) ++end;
      const std::vector<std::string> got = FullHex(*init, commitment, indices[begin], end - begin);
      for (size_t i = begin; i < end; ++i) {
        INFO(c["name"] << " N=" << scrypt_n << " index " << indices[i] << " kernel " << KernelName(init->info().kernel)
                       << " G=" << init->info().lookup_gap);
        CHECK(got[i - begin] == labels[std::to_string(indices[i])].get<std::string>());
      }
      begin = end;
    }
  }
}

Options With(Kernel kernel, uint32_t lookup_gap, uint32_t lanes) {
  Options o;
  o.kernel = kernel;
  o.lookup_gap = lookup_gap;
  o.lanes = lanes;
  return o;
}

}  // namespace

// Kernel configurations are shared across the test files: PoCL compiles each (N, gap, kernel,
// work-group size) once and serves it from its cache afterwards.
TEST_CASE("lane1 kernel reproduces every label vector", "[opencl][labels]") {
  CheckVectors(2, With(Kernel::kLane1, 1, 8));
  CheckVectors(16, With(Kernel::kLane1, 2, 8));
  CheckVectors(1024, With(Kernel::kLane1, 1, 8));
  CheckVectors(8192, With(Kernel::kLane1, 1, 8));
}

TEST_CASE("lane4-local kernel reproduces every label vector", "[opencl][labels]") {
  CheckVectors(2, With(Kernel::kLane4Local, 2, 8));
  CheckVectors(16, With(Kernel::kLane4Local, 3, 8));
  CheckVectors(1024, With(Kernel::kLane4Local, 1, 8));
  CheckVectors(8192, With(Kernel::kLane4Local, 1, 8));
}

TEST_CASE("lookup gaps up to N recompute V entries exactly", "[opencl][labels]") {
  CheckVectors(16, With(Kernel::kLane1, 16, 16));  // only V[0] stored
  CheckVectors(8192, With(Kernel::kLane1, 4, 8));
}

}  // namespace sm::opencl::testing
