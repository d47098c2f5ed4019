#include "test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

namespace sm::opencl::testing {

nlohmann::json LoadVectors(const std::string& file) {
  std::ifstream in(std::string(SM_TEST_VECTORS_DIR) + "/" + file);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::vector<uint8_t> FromHex(const std::string& hex) {
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<uint8_t>(std::stoul(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}

std::string ToHex(const uint8_t* bytes, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

Hash32 Hash32FromHex(const std::string& hex) {
  const std::vector<uint8_t> bytes = FromHex(hex);
  REQUIRE(bytes.size() == 32);
  Hash32 out;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

uint32_t TestProvider() {
  const std::vector<Provider> providers = ListProviders();
  REQUIRE(providers.size() >= 2);  // at least one OpenCL device, then the CPU provider
  return providers.front().id;
}

std::unique_ptr<GpuInitializer> MakeInitializer(uint32_t scrypt_n, const Options& options) {
  Result<std::unique_ptr<GpuInitializer>> created = GpuInitializer::Create(TestProvider(), scrypt_n, options);
  INFO(created.status().ToString());
  REQUIRE(created.ok());
  return std::move(created).value();
}

std::vector<std::string> FullHex(GpuInitializer& init, const Hash32& commitment, uint64_t first,
                                 uint64_t count) {
  std::vector<uint8_t> full(count * 32);
  const Status s = init.ComputeFull(commitment, first, count, full.data());
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::vector<std::string> out;
  for (uint64_t i = 0; i < count; ++i) out.push_back(ToHex(full.data() + i * 32, 32));
  return out;
}

}  // namespace sm::opencl::testing
