#include "test_files.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace node::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "node-config-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::Write(const std::string& name, const std::string& text) const {
  const auto file = path_ / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

}  // namespace node::testing
