#include "post/reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <numeric>

#include "post/layout.h"

namespace post {

base::Result<std::unique_ptr<DataReader>> DataReader::Open(const std::filesystem::path& dir, const PostMetadata& meta,
                                                           size_t batch_bytes) {
  if (batch_bytes == 0) return base::Status::InvalidArgument("data reader for " + dir.string() + ": batch size is 0");
  const uint64_t n = meta.num_files();
  std::vector<File> files;
  auto close_all = [&files] {
    for (const File& f : files) {
      if (f.map) ::munmap(const_cast<uint8_t*>(f.map), f.size);
      ::close(f.fd);
    }
  };
  for (uint64_t k = 0; k < n; ++k) {
    auto path = dir / DataFileName(k);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      close_all();
      std::string msg = "opening data file " + path.string() + ": " + std::strerror(err);
      if (err == EMFILE) msg += " (" + std::to_string(n) + " data files; raise the open-file limit, ulimit -n)";
      return err == ENOENT ? base::Status::NotFound(msg) : base::Status::IoError(msg);
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      std::string msg = "stat of data file " + path.string() + ": " + std::strerror(errno);
      ::close(fd);
      close_all();
      return base::Status::IoError(msg);
    }
    const uint64_t size = std::min(static_cast<uint64_t>(st.st_size), ExpectedFileSize(meta, k));
    const uint8_t* map = nullptr;
    if (size > 0) {
      void* m = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
      if (m == MAP_FAILED) {
        std::string msg = "mapping data file " + path.string() + ": " + std::strerror(errno);
        ::close(fd);
        close_all();
        return base::Status::IoError(msg);
      }
      ::madvise(m, size, MADV_SEQUENTIAL);  // advisory: aggressive readahead, early reclaim
      map = static_cast<const uint8_t*>(m);
    }
    files.push_back({fd, std::move(path), k * meta.max_file_size, size, map});
  }
  return std::unique_ptr<DataReader>(new DataReader(std::move(files), batch_bytes));
}

DataReader::DataReader(std::vector<File> files, size_t batch_bytes)
    : files_(std::move(files)),
      batch_bytes_(batch_bytes),
      total_bytes_(std::accumulate(files_.begin(), files_.end(), uint64_t{0},
                                   [](uint64_t sum, const File& f) { return sum + f.size; })) {}

DataReader::~DataReader() {
  for (const File& f : files_) {
    if (f.map) ::munmap(const_cast<uint8_t*>(f.map), f.size);
    ::close(f.fd);
  }
}

base::Result<bool> DataReader::Next(std::span<const uint8_t>* batch, uint64_t* global_byte_pos) {
  const File* file;
  uint64_t offset;
  size_t len;
  {
    std::lock_guard<std::mutex> lock(mu_);
    while (cursor_file_ < files_.size() && cursor_offset_ >= files_[cursor_file_].size) {
      ++cursor_file_;
      cursor_offset_ = 0;
    }
    if (cursor_file_ == files_.size()) return false;
    file = &files_[cursor_file_];
    offset = cursor_offset_;
    len = static_cast<size_t>(std::min<uint64_t>(batch_bytes_, file->size - offset));
    cursor_offset_ += len;
  }
  // Reading a mapped page past the end of a truncated file would raise SIGBUS: look first.
  struct stat st;
  if (::fstat(file->fd, &st) != 0) {
    return base::Status::IoError("stat of data file " + file->path.string() + ": " + std::strerror(errno));
  }
  if (static_cast<uint64_t>(st.st_size) < offset + len) {
    return base::Status::Corruption("data file " + file->path.string() + " ends at offset " +
                                    std::to_string(std::max<int64_t>(st.st_size, int64_t(offset))) + ", expected " +
                                    std::to_string(file->size) + " bytes (truncated while reading?)");
  }
  *batch = {file->map + offset, len};
  *global_byte_pos = file->base + offset;
  return true;
}

void DataReader::Rewind() {
  std::lock_guard<std::mutex> lock(mu_);
  cursor_file_ = 0;
  cursor_offset_ = 0;
}

}  // namespace post
