#include "post/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <numeric>

#include "post/layout.h"

namespace post {

Result<std::unique_ptr<DataReader>> DataReader::Open(const std::filesystem::path& dir, const PostMetadata& meta,
                                                     size_t batch_bytes) {
  if (batch_bytes == 0) return Status::InvalidArgument("data reader for " + dir.string() + ": batch size is 0");
  const uint64_t n = meta.num_files();
  std::vector<File> files;
  auto close_all = [&files] {
    for (const File& f : files) ::close(f.fd);
  };
  for (uint64_t k = 0; k < n; ++k) {
    auto path = dir / DataFileName(k);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      close_all();
      std::string msg = "opening data file " + path.string() + ": " + std::strerror(err);
      if (err == EMFILE) msg += " (" + std::to_string(n) + " data files; raise the open-file limit, ulimit -n)";
      return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      std::string msg = "stat of data file " + path.string() + ": " + std::strerror(errno);
      ::close(fd);
      close_all();
      return Status::IoError(msg);
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);  // advisory; failure changes nothing
    uint64_t size = std::min(static_cast<uint64_t>(st.st_size), ExpectedFileSize(meta, k));
    files.push_back({fd, std::move(path), k * meta.max_file_size, size});
  }
  return std::unique_ptr<DataReader>(new DataReader(std::move(files), batch_bytes));
}

DataReader::DataReader(std::vector<File> files, size_t batch_bytes)
    : files_(std::move(files)),
      batch_bytes_(batch_bytes),
      total_bytes_(std::accumulate(files_.begin(), files_.end(), uint64_t{0},
                                   [](uint64_t sum, const File& f) { return sum + f.size; })) {}

DataReader::~DataReader() {
  for (const File& f : files_) ::close(f.fd);
}

Result<bool> DataReader::Next(std::vector<uint8_t>* buf, uint64_t* global_byte_pos) {
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
  buf->resize(len);
  for (size_t done = 0; done < len;) {
    ssize_t n = ::pread(file->fd, buf->data() + done, len - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Status::IoError("reading data file " + file->path.string() + " at offset " +
                             std::to_string(offset + done) + ": " + std::strerror(errno));
    }
    if (n == 0) {
      return Status::Corruption("data file " + file->path.string() + " ends at offset " +
                                std::to_string(offset + done) + ", expected " + std::to_string(file->size) +
                                " bytes (truncated while reading?)");
    }
    done += static_cast<size_t>(n);
  }
  *global_byte_pos = file->base + offset;
  return true;
}

void DataReader::Rewind() {
  std::lock_guard<std::mutex> lock(mu_);
  cursor_file_ = 0;
  cursor_offset_ = 0;
}

}  // namespace post
