// Shared helpers of the post-core tests: vector files, hex, temporary directories.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "post/k2pow.h"

namespace post::test {

nlohmann::json LoadVectors(const std::string& file_name);  // from tests/vectors
std::vector<uint8_t> Hex(const std::string& hex);          // fails the test on bad hex
base::Hash32 Hex32(const std::string& hex);
std::string HexOf(std::span<const uint8_t> bytes);
std::string Sha256Hex(const std::filesystem::path& file);
// One light-mode RandomX per test binary (its 256 MiB cache takes a while to build).
std::shared_ptr<RandomX> LightRandomX();

// Sizes in bytes of this process's mappings advised for transparent huge pages ("hg" in
// /proc/self/smaps VmFlags).
std::vector<size_t> HugePageAdvisedMappings();
// True when the kernel offers transparent huge pages at all.
bool KernelHasHugePages();

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace post::test
