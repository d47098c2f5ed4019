#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "base/files.h"

namespace base {
namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "base-files-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST_CASE("ReadFile returns the bytes or names the file and its role", "[base][files]") {
  TempDir dir;
  const auto path = dir.path / "a.bin";
  REQUIRE(WriteFileAtomically(path, std::string("x\0y", 3)).ok());
  auto read = ReadFile(path);
  REQUIRE(read.ok());
  CHECK(*read == std::string("x\0y", 3));
  auto missing = ReadFile(dir.path / "none.yaml", "config file");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kNotFound);
  CHECK_THAT(missing.status().message(),
             Catch::StartsWith("cannot read config file " + (dir.path / "none.yaml").string()));
  auto directory = ReadFile(dir.path, "key");
  CHECK(directory.status().code() == Status::Code::kIoError);
}

TEST_CASE("WriteFileAtomically replaces the file with the given mode and leaves no temp file", "[base][files]") {
  TempDir dir;
  const auto path = dir.path / "genesis.json";
  REQUIRE(WriteFileAtomically(path, "old").ok());
  REQUIRE(WriteFileAtomically(path, "new", 0644).ok());
  CHECK(*ReadFile(path) == "new");
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == (0644 & ~[] {
          mode_t m = umask(0);
          umask(m);
          return m;
        }()));
  size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path)) entries += e.exists();
  CHECK(entries == 1);
  auto failed = WriteFileAtomically(dir.path / "missing-dir" / "x", "y");
  REQUIRE_FALSE(failed.ok());
  CHECK_THAT(failed.message(), Catch::Contains("missing-dir"));
}

}  // namespace
}  // namespace base
