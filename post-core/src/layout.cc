#include "post/layout.h"

#include <algorithm>
#include <charconv>
#include <regex>
#include <system_error>

namespace post {

std::string DataFileName(uint64_t index) { return "postdata_" + std::to_string(index) + ".bin"; }

base::Result<std::vector<DataFile>> ListDataFiles(const std::filesystem::path& dir) {
  static const std::regex kPattern(R"(^postdata_(\d+)\.bin$)");
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    std::string msg = "listing " + dir.string() + ": " + ec.message();
    return ec == std::errc::no_such_file_or_directory ? base::Status::NotFound(msg) : base::Status::IoError(msg);
  }
  std::vector<DataFile> files;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::smatch m;
    if (!std::regex_match(name, m, kPattern)) continue;
    uint64_t index;
    const char* digits = name.data() + m.position(1);
    auto [end, err] = std::from_chars(digits, digits + m.length(1), index);
    if (err != std::errc()) continue;
    if (!it->is_regular_file(ec)) continue;
    uint64_t size = it->file_size(ec);
    if (ec) return base::Status::IoError("size of " + it->path().string() + ": " + ec.message());
    files.push_back({index, it->path(), size});
  }
  if (ec) return base::Status::IoError("listing " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end(), [](const DataFile& a, const DataFile& b) {
    return a.index != b.index ? a.index < b.index : a.path < b.path;
  });
  return files;
}

uint64_t ExpectedFileSize(const PostMetadata& meta, uint64_t file) {
  if (file >= meta.num_files()) return 0;
  return std::min(meta.max_file_size, meta.total_bytes() - file * meta.max_file_size);
}

base::Status CheckDataFiles(const std::filesystem::path& dir, const PostMetadata& meta) {
  auto files = ListDataFiles(dir);
  if (!files.ok()) return files.status();
  const uint64_t n = meta.num_files();
  uint64_t next = 0;  // the index the next listed file must have
  for (const DataFile& f : *files) {
    if (f.index >= n || f.path.filename() != DataFileName(f.index)) {
      return base::Status::Corruption("unexpected data file " + f.path.string() + ": the metadata describes " +
                                      std::to_string(n) + " files, postdata_0.bin to " + DataFileName(n - 1));
    }
    if (f.index > next) return base::Status::NotFound("missing data file " + (dir / DataFileName(next)).string());
    uint64_t want = ExpectedFileSize(meta, f.index);
    if (f.size != want) {
      return base::Status::Corruption("data file " + f.path.string() + " has " + std::to_string(f.size) +
                                      " bytes, expected " + std::to_string(want));
    }
    ++next;
  }
  if (next < n) return base::Status::NotFound("missing data file " + (dir / DataFileName(next)).string());
  return base::Status::Ok();
}

base::Result<FileRange> ResolveFileRange(const PostMetadata& meta, uint64_t from, std::optional<uint64_t> to) {
  const uint64_t last = meta.num_files() - 1;
  FileRange range{from, to.value_or(last)};
  if (range.last > last) {
    return base::Status::InvalidArgument("file range: last file " + std::to_string(range.last) +
                                         " is past the last file of the layout, " + std::to_string(last));
  }
  if (range.first > range.last) {
    return base::Status::InvalidArgument("file range: first file " + std::to_string(range.first) +
                                         " is after the last file " + std::to_string(range.last));
  }
  return range;
}

uint64_t FirstLabelOfFile(const PostMetadata& meta, uint64_t file) { return file * meta.labels_per_file(); }

uint64_t EndLabelOfRange(const PostMetadata& meta, const FileRange& range) {
  return FirstLabelOfFile(meta, range.last) + meta.labels_in_file(range.last);
}

}  // namespace post
