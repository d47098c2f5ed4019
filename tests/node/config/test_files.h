// Config files for tests: written into a fresh temporary directory, removed with it.
#pragma once

#include <filesystem>
#include <string>

namespace node::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  // Writes `text` to <dir>/<name> and returns the path.
  std::filesystem::path Write(const std::string& name, const std::string& text) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace node::testing
