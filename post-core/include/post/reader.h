// DataReader: the prover's view of a data directory as batches of bytes at global positions
// (file k starts at k * max_file_size, as post-rs reads it; reference/post.md §1.1, §5.4).
// Files are memory-mapped read-only, so a batch is a view of the page cache, not a copy: the
// scan reads the data once instead of twice (the copy cost a quarter of the proving time). The
// mapped pages show up in the process's RssFile; they belong to the page cache, which the
// kernel reclaims as usual. Many threads call Next() at once: claiming a batch is serialized.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "base/status.h"
#include "post/metadata.h"

namespace post {

class DataReader {
 public:
  // Opens postdata_0.bin .. postdata_{num_files-1}.bin of `meta` once each; a missing file is an
  // error. Like post-rs, a file longer than its expected size is read only up to it, and a
  // shorter one only as far as it goes (CheckDataFiles is the strict check).
  static base::Result<std::unique_ptr<DataReader>> Open(const std::filesystem::path& dir, const PostMetadata& meta,
                                                        size_t batch_bytes = 1 << 20);
  ~DataReader();
  DataReader(const DataReader&) = delete;
  DataReader& operator=(const DataReader&) = delete;

  // Sets *batch to the next batch (at most batch_bytes, never crossing a file boundary) and
  // its global byte position; false at the end of the pass. The view stays valid while the
  // reader lives. Thread-safe. A file that shrank since Open is kCorruption naming the file and
  // offset (checked per batch, so a truncation is reported instead of faulting).
  base::Result<bool> Next(std::span<const uint8_t>* batch, uint64_t* global_byte_pos);

  // Starts a new pass from the first byte. The caller ensures no Next() runs concurrently.
  void Rewind();

  // Bytes one pass yields.
  uint64_t total_bytes() const { return total_bytes_; }

 private:
  struct File {
    int fd;
    std::filesystem::path path;
    uint64_t base;       // global byte position of the file's first byte
    uint64_t size;       // bytes read from it per pass
    const uint8_t* map;  // the first `size` bytes, mapped; null when size is 0
  };

  DataReader(std::vector<File> files, size_t batch_bytes);

  const std::vector<File> files_;
  const size_t batch_bytes_;
  const uint64_t total_bytes_;
  std::mutex mu_;
  size_t cursor_file_ = 0;      // guarded by mu_: file of the next unclaimed byte
  uint64_t cursor_offset_ = 0;  // guarded by mu_: offset of that byte in the file
};

}  // namespace post
