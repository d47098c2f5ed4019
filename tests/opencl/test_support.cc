#include "test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

namespace sm::opencl::testing {

nlohmann::json LoadVectors(const std::string& file) {
  std::ifstream in(std::string(SM_TEST_VECTORS_DIR) + "/" + file);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::vector<uint8_t> VectorBytes(const std::string& hex) {
  auto bytes = base::FromHex(hex);
  REQUIRE(bytes);
  return *bytes;
}

base::Hash32 VectorHash32(const std::string& hex) {
  auto hash = base::Hash32FromHex(hex);
  REQUIRE(hash);
  return *hash;
}

uint32_t TestProvider() {
  const std::vector<Provider> providers = ListProviders();
  REQUIRE(providers.size() >= 2);  // at least one OpenCL device, then the CPU provider
  return providers.front().id;
}

std::unique_ptr<GpuInitializer> MakeInitializer(uint32_t scrypt_n, const Options& options) {
  base::Result<std::unique_ptr<GpuInitializer>> created = GpuInitializer::Create(TestProvider(), scrypt_n, options);
  INFO(created.status().ToString());
  REQUIRE(created.ok());
  return std::move(created).value();
}

std::vector<std::string> FullHex(GpuInitializer& init, const base::Hash32& commitment, uint64_t first, uint64_t count) {
  std::vector<uint8_t> full(count * 32);
  const base::Status s = init.ComputeFull(commitment, first, count, full.data());
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::vector<std::string> out;
  for (uint64_t i = 0; i < count; ++i) out.push_back(base::ToHex({full.data() + i * 32, 32}));
  return out;
}

}  // namespace sm::opencl::testing
