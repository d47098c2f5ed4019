// Where labels live on disk: postdata_N.bin names, discovery, expected sizes and file ranges
// (reference/post.md §1.1, §3.3). Label i is in file i / labels_per_file at (i % lpf) * 16.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "post/metadata.h"

namespace post {

// "postdata_N.bin", N decimal without padding.
std::string DataFileName(uint64_t index);

// One data file found in a directory.
struct DataFile {
  uint64_t index;  // N of postdata_N.bin
  std::filesystem::path path;
  uint64_t size;  // bytes
};

// Regular files matching ^postdata_(\d+)\.bin$ (as post-rs), sorted by N; N beyond u64 is skipped.
base::Result<std::vector<DataFile>> ListDataFiles(const std::filesystem::path& dir);

// Bytes of `file` in a complete directory: max_file_size, the remainder for the last, 0 past it.
uint64_t ExpectedFileSize(const PostMetadata& meta, uint64_t file);

// Checks that exactly postdata_0.bin .. postdata_{num_files-1}.bin exist with their expected
// sizes; the error names the first missing, wrong-size or unexpected file.
base::Status CheckDataFiles(const std::filesystem::path& dir, const PostMetadata& meta);

// An inclusive range of file indices, e.g. one machine's share of a partial init.
struct FileRange {
  uint64_t first;
  uint64_t last;
};

// Go's -fromFile/-toFile rules: `to` defaults to the last file; to past the last file or
// from > to is an error.
base::Result<FileRange> ResolveFileRange(const PostMetadata& meta, uint64_t from, std::optional<uint64_t> to);

// Index of the first label stored in `file` (file * labels_per_file).
uint64_t FirstLabelOfFile(const PostMetadata& meta, uint64_t file);

// One past the last label stored in the files of `range`.
uint64_t EndLabelOfRange(const PostMetadata& meta, const FileRange& range);

}  // namespace post
