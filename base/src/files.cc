#include "base/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace base {
namespace {

std::string Errno() { return std::strerror(errno); }

Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IoError("writing " + path.string() + ": " + Errno());
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status FsyncDir(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("opening directory " + dir.string() + ": " + Errno());
  const bool ok = ::fsync(fd) == 0;
  const std::string err = ok ? "" : Errno();
  ::close(fd);
  if (!ok) return Status::IoError("fsync of directory " + dir.string() + ": " + err);
  return Status::Ok();
}

// A new temp file next to `path`: ".<name>.tmp.<pid>.<n>", never an existing one.
Result<std::pair<int, std::filesystem::path>> CreateTemp(const std::filesystem::path& path, mode_t mode) {
  static std::atomic<uint64_t> counter{0};
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name(1, '.');  // built by appending: GCC 12 warns falsely on "." + string
    name += path.filename().string();
    name += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    const auto temp = dir / name;
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd >= 0) return std::pair{fd, temp};
    if (errno != EEXIST) return Status::IoError("creating " + temp.string() + ": " + Errno());
  }
  return Status::IoError("cannot create a temp file next to " + path.string());
}

}  // namespace

Result<std::string> ReadFile(const std::filesystem::path& path, std::string_view what) {
  const auto fail = [&](int err) {
    std::string msg = "cannot read " + std::string(what) + " " + path.string() + ": " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(errno);
  std::string text;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return fail(err);
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content, mode_t mode) {
  auto temp = CreateTemp(path, mode);
  if (!temp.ok()) return temp.status();
  auto [fd, temp_path] = *temp;
  Status st = WriteAll(fd, content, temp_path);
  if (st.ok() && ::fsync(fd) != 0) st = Status::IoError("fsync of " + temp_path.string() + ": " + Errno());
  if (::close(fd) != 0 && st.ok()) st = Status::IoError("closing " + temp_path.string() + ": " + Errno());
  if (st.ok() && ::rename(temp_path.c_str(), path.c_str()) != 0) {
    st = Status::IoError("renaming " + temp_path.string() + " to " + path.string() + ": " + Errno());
  }
  if (!st.ok()) {
    ::unlink(temp_path.c_str());
    return st;
  }
  return FsyncDir(path.has_parent_path() ? path.parent_path() : ".");
}

}  // namespace base
