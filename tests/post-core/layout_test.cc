// Data file naming, discovery, expected sizes, the strict directory check and file ranges.
#include "post/layout.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include "test_util.h"

namespace fs = std::filesystem;
using post::PostMetadata;

namespace {

void WriteFile(const fs::path& path, uint64_t size) {
  std::ofstream out(path, std::ios::binary);
  out << std::string(size, 'x');
}

PostMetadata Meta(uint64_t lpu, uint32_t units, uint64_t mfs) {
  PostMetadata m;
  m.labels_per_unit = lpu;
  m.num_units = units;
  m.max_file_size = mfs;
  return m;
}

// Writes a complete data directory for `m`.
void WriteAll(const fs::path& dir, const PostMetadata& m) {
  for (uint64_t k = 0; k < m.num_files(); ++k) WriteFile(dir / post::DataFileName(k), post::ExpectedFileSize(m, k));
}

}  // namespace

TEST_CASE("data file names", "[layout]") {
  CHECK(post::DataFileName(0) == "postdata_0.bin");
  CHECK(post::DataFileName(66) == "postdata_66.bin");
  CHECK(post::DataFileName(18446744073709551615ull) == "postdata_18446744073709551615.bin");
}

TEST_CASE("listing finds data files in numeric order and skips others", "[layout]") {
  post::test::TempDir dir;
  for (uint64_t k : {10, 2, 0, 1, 100}) WriteFile(dir.path() / post::DataFileName(k), k);
  for (const char* other : {"other.bin", "_postdata_0.bin", "postdata_0.bin_", "postdata_0_.bin", "postdata_.bin",
                            "postdata_1xbin", "postdata_99999999999999999999999.bin", "postdata_metadata.json"}) {
    WriteFile(dir.path() / other, 1);
  }
  fs::create_directory(dir.path() / "postdata_3.bin");  // not a regular file

  auto files = post::ListDataFiles(dir.path());
  REQUIRE(files.ok());
  std::vector<uint64_t> indices, sizes;
  for (const auto& f : *files) {
    indices.push_back(f.index);
    sizes.push_back(f.size);
    CHECK(f.path == dir.path() / post::DataFileName(f.index));
  }
  CHECK(indices == std::vector<uint64_t>{0, 1, 2, 10, 100});
  CHECK(sizes == indices);

  auto missing = post::ListDataFiles(dir.path() / "nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == base::Status::Code::kNotFound);
  CHECK(missing.status().message().find((dir.path() / "nope").string()) != std::string::npos);
}

TEST_CASE("expected sizes match the reference tiny data set", "[layout]") {
  std::ifstream in(std::string(SM_TEST_VECTORS_DIR) + "/postdata-tiny.json");
  REQUIRE(in);
  const auto ds = nlohmann::json::parse(in)["dataset"];
  PostMetadata m = Meta(ds["labels_per_unit"], ds["num_units"], ds["max_file_size"]);
  REQUIRE(m.num_files() == ds["files"].size());
  for (uint64_t k = 0; k < m.num_files(); ++k) {
    CHECK(ds["files"][k]["name"] == post::DataFileName(k));
    CHECK(post::ExpectedFileSize(m, k) == ds["files"][k]["size"]);
  }
  CHECK(post::ExpectedFileSize(m, m.num_files()) == 0);

  PostMetadata rust = Meta(100, 10, 15 * 16);
  CHECK(post::ExpectedFileSize(rust, 65) == 240);
  CHECK(post::ExpectedFileSize(rust, 66) == 160);
}

TEST_CASE("CheckDataFiles accepts exactly the expected files", "[layout]") {
  post::test::TempDir dir;
  PostMetadata m = Meta(100, 10, 15 * 16);  // 67 files, the last 160 bytes
  WriteAll(dir.path(), m);
  WriteFile(dir.path() / post::kMetadataFileName, 10);
  CHECK(post::CheckDataFiles(dir.path(), m).ok());

  SECTION("missing file") {
    fs::remove(dir.path() / "postdata_7.bin");
    fs::remove(dir.path() / "postdata_9.bin");
    auto st = post::CheckDataFiles(dir.path(), m);
    CHECK(st.code() == base::Status::Code::kNotFound);
    CHECK(st.message() == "missing data file " + (dir.path() / "postdata_7.bin").string());
  }
  SECTION("missing last file") {
    fs::remove(dir.path() / "postdata_66.bin");
    CHECK(post::CheckDataFiles(dir.path(), m).message() ==
          "missing data file " + (dir.path() / "postdata_66.bin").string());
  }
  SECTION("wrong size") {
    WriteFile(dir.path() / "postdata_3.bin", 239);
    auto st = post::CheckDataFiles(dir.path(), m);
    CHECK(st.code() == base::Status::Code::kCorruption);
    CHECK(st.message() == "data file " + (dir.path() / "postdata_3.bin").string() + " has 239 bytes, expected 240");
  }
  SECTION("last file full size") {
    WriteFile(dir.path() / "postdata_66.bin", 240);
    CHECK(post::CheckDataFiles(dir.path(), m).message() ==
          "data file " + (dir.path() / "postdata_66.bin").string() + " has 240 bytes, expected 160");
  }
  SECTION("file beyond the layout") {
    WriteFile(dir.path() / "postdata_67.bin", 0);
    CHECK(post::CheckDataFiles(dir.path(), m).message() ==
          "unexpected data file " + (dir.path() / "postdata_67.bin").string() +
              ": the metadata describes 67 files, postdata_0.bin to postdata_66.bin");
  }
  SECTION("non-canonical name") {
    WriteFile(dir.path() / "postdata_05.bin", 240);
    CHECK(post::CheckDataFiles(dir.path(), m)
              .message()
              .rfind("unexpected data file " + (dir.path() / "postdata_05.bin").string(), 0) == 0);
  }
}

TEST_CASE("file ranges and their labels", "[layout]") {
  PostMetadata m = Meta(100, 10, 15 * 16);
  auto all = post::ResolveFileRange(m, 0, std::nullopt);
  REQUIRE(all.ok());
  CHECK(all->first == 0);
  CHECK(all->last == 66);
  CHECK(post::FirstLabelOfFile(m, 0) == 0);
  CHECK(post::FirstLabelOfFile(m, 66) == 990);
  CHECK(post::EndLabelOfRange(m, *all) == 1000);

  auto part = post::ResolveFileRange(m, 10, 19);
  REQUIRE(part.ok());
  CHECK(post::FirstLabelOfFile(m, part->first) == 150);
  CHECK(post::EndLabelOfRange(m, *part) == 300);

  CHECK(post::ResolveFileRange(m, 66, 66).ok());
  CHECK(post::ResolveFileRange(m, 0, 67).status().message() ==
        "file range: last file 67 is past the last file of the layout, 66");
  CHECK(post::ResolveFileRange(m, 20, 19).status().message() == "file range: first file 20 is after the last file 19");
}
