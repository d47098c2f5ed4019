#include "test_util.h"

#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>

namespace post::test {

nlohmann::json LoadVectors(const std::string& file_name) {
  std::ifstream in(std::filesystem::path(SM_TEST_VECTORS_DIR) / file_name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::vector<size_t> HugePageAdvisedMappings() {
  std::vector<size_t> sizes;
  std::ifstream smaps("/proc/self/smaps");
  size_t size_kib = 0;
  std::string line;
  while (std::getline(smaps, line)) {
    std::istringstream fields(line);
    std::string key;
    fields >> key;
    if (key == "Size:") fields >> size_kib;
    if (key == "VmFlags:") {
      for (std::string flag; fields >> flag;)
        if (flag == "hg") sizes.push_back(size_kib * 1024);
    }
  }
  return sizes;
}

bool KernelHasHugePages() { return std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled"); }

std::vector<uint8_t> Hex(const std::string& hex) {
  auto bytes = base::FromHex(hex);
  REQUIRE(bytes.has_value());
  return *bytes;
}

base::Hash32 Hex32(const std::string& hex) {
  auto h = base::Hash32FromHex(hex);
  REQUIRE(h.has_value());
  return *h;
}

std::string HexOf(std::span<const uint8_t> bytes) { return base::ToHex(bytes); }

std::string Sha256Hex(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint8_t digest[32];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  return base::ToHex({digest, len});
}

std::shared_ptr<RandomX> LightRandomX() {
  static std::shared_ptr<RandomX> rx = [] {
    auto r = RandomX::Create(RandomXMode::kLight);
    REQUIRE(r.ok());
    return *r;
  }();
  return rx;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("post-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace post::test
