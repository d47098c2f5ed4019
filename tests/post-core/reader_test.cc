// DataReader: batches at global positions, file boundaries, many threads covering every byte
// once, rewinding, and errors that name the file.
#include "post/reader.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include "test_util.h"

#include "post/layout.h"

namespace fs = std::filesystem;
using post::PostMetadata;

namespace {

void WriteFile(const fs::path& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }

PostMetadata Meta(uint64_t lpu, uint32_t units, uint64_t mfs) {
  PostMetadata m;
  m.labels_per_unit = lpu;
  m.num_units = units;
  m.max_file_size = mfs;
  return m;
}

// The byte stored at a global position in the generated data sets.
uint8_t ByteAt(uint64_t pos) { return static_cast<uint8_t>(pos * 131 + (pos >> 8) * 7 + 3); }

// Writes a complete data directory for `m` whose bytes are ByteAt(global position).
void WritePattern(const fs::path& dir, const PostMetadata& m) {
  for (uint64_t k = 0; k < m.num_files(); ++k) {
    std::string data(post::ExpectedFileSize(m, k), '\0');
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(ByteAt(k * m.max_file_size + i));
    WriteFile(dir / post::DataFileName(k), data);
  }
}

struct Batch {
  uint64_t pos;
  std::vector<uint8_t> data;
};

// Drains one pass with `threads` threads; fails the test on any error.
std::vector<Batch> ReadPass(post::DataReader& reader, int threads) {
  std::mutex mu;
  std::vector<Batch> batches;
  std::vector<std::thread> pool;
  std::atomic<bool> failed{false};
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      std::span<const uint8_t> buf;
      uint64_t pos;
      for (;;) {
        auto more = reader.Next(&buf, &pos);
        if (!more.ok()) failed = true;
        if (!more.ok() || !*more) return;
        std::lock_guard<std::mutex> lock(mu);
        batches.push_back({pos, {buf.begin(), buf.end()}});
      }
    });
  }
  for (auto& t : pool) t.join();
  REQUIRE_FALSE(failed);
  std::sort(batches.begin(), batches.end(), [](const Batch& a, const Batch& b) { return a.pos < b.pos; });
  return batches;
}

}  // namespace

TEST_CASE("reader reproduces the post-rs reading_pos_data example", "[reader]") {
  post::test::TempDir dir;
  const std::vector<std::string> parts{"2", "Hello World!", "1", "Welcome Back", ""};
  for (size_t i = 0; i < parts.size(); ++i) WriteFile(dir.path() / post::DataFileName(i), parts[i]);
  PostMetadata m = Meta(1, 1, 4);  // 16 bytes in four 4-byte files

  auto reader = post::DataReader::Open(dir.path(), m, 4);
  INFO(reader.status().ToString());
  REQUIRE(reader.ok());
  CHECK((*reader)->total_bytes() == 10);
  auto batches = ReadPass(**reader, 1);
  std::string all;
  for (size_t i = 0; i < batches.size(); ++i) {
    CHECK(batches[i].pos == 4 * i);
    all.append(batches[i].data.begin(), batches[i].data.end());
  }
  CHECK(batches.size() == 4);
  CHECK(all == "2Hell1Welc");
}

TEST_CASE("many threads cover every byte exactly once at the right position", "[reader]") {
  post::test::TempDir dir;
  PostMetadata m = Meta(1000, 7, 16 * 1024);  // 112000 bytes: 6 full 16 KiB files + 13696 bytes
  WritePattern(dir.path(), m);
  REQUIRE(post::CheckDataFiles(dir.path(), m).ok());
  const size_t batch = GENERATE(1000, 4096, 1 << 20);
  const int threads = GENERATE(1, 4, 8);
  INFO("batch " << batch << ", threads " << threads);

  auto reader = post::DataReader::Open(dir.path(), m, batch);
  REQUIRE(reader.ok());
  CHECK((*reader)->total_bytes() == m.total_bytes());
  for (int pass = 0; pass < 2; ++pass) {
    auto batches = ReadPass(**reader, threads);
    uint64_t expect = 0;
    for (const Batch& b : batches) {
      REQUIRE(b.pos == expect);  // contiguous, no gaps or overlaps
      REQUIRE(!b.data.empty());
      REQUIRE(b.data.size() <= batch);
      REQUIRE(b.pos / m.max_file_size == (b.pos + b.data.size() - 1) / m.max_file_size);  // within one file
      std::vector<uint8_t> want(b.data.size());
      for (size_t i = 0; i < want.size(); ++i) want[i] = ByteAt(b.pos + i);
      REQUIRE(b.data == want);
      expect += b.data.size();
    }
    CHECK(expect == m.total_bytes());
    std::span<const uint8_t> buf;
    uint64_t pos;
    auto end = (*reader)->Next(&buf, &pos);
    REQUIRE(end.ok());
    CHECK_FALSE(*end);
    (*reader)->Rewind();
  }
}

TEST_CASE("batches are views of the mapped files, the same in every pass", "[reader]") {
  post::test::TempDir dir;
  PostMetadata m = Meta(64, 2, 1024);
  WritePattern(dir.path(), m);
  auto reader = post::DataReader::Open(dir.path(), m, 512);
  REQUIRE(reader.ok());
  std::vector<const uint8_t*> first;
  std::span<const uint8_t> buf;
  uint64_t pos;
  while (*(*reader)->Next(&buf, &pos)) first.push_back(buf.data());
  CHECK(first.size() == 4);
  (*reader)->Rewind();
  for (const uint8_t* view : first) {
    REQUIRE(*(*reader)->Next(&buf, &pos));
    CHECK(buf.data() == view);
  }
}

TEST_CASE("reader errors name the file", "[reader]") {
  post::test::TempDir dir;
  PostMetadata m = Meta(64, 2, 1024);  // two 1 KiB files
  WritePattern(dir.path(), m);

  SECTION("missing file") {
    fs::remove(dir.path() / "postdata_1.bin");
    auto reader = post::DataReader::Open(dir.path(), m);
    REQUIRE_FALSE(reader.ok());
    CHECK(reader.status().code() == base::Status::Code::kNotFound);
    CHECK(reader.status().message() ==
          "opening data file " + (dir.path() / "postdata_1.bin").string() + ": No such file or directory");
  }
  SECTION("zero batch size") { CHECK_FALSE(post::DataReader::Open(dir.path(), m, 0).ok()); }
  SECTION("file truncated after opening") {
    auto reader = post::DataReader::Open(dir.path(), m, 256);
    REQUIRE(reader.ok());
    fs::resize_file(dir.path() / "postdata_0.bin", 300);
    std::span<const uint8_t> buf;
    uint64_t pos;
    REQUIRE(*(*reader)->Next(&buf, &pos));
    auto r = (*reader)->Next(&buf, &pos);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "data file " + (dir.path() / "postdata_0.bin").string() +
                                      " ends at offset 300, expected 1024 bytes (truncated while reading?)");
  }
  SECTION("a longer file is read only up to its expected size") {
    WriteFile(dir.path() / "postdata_1.bin", std::string(2000, 'y'));
    auto reader = post::DataReader::Open(dir.path(), m, 4096);
    REQUIRE(reader.ok());
    CHECK((*reader)->total_bytes() == 2048);
  }
}
