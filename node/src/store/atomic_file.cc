#include "node/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace node {
namespace {

std::string Errno() { return std::strerror(errno); }

post::Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return post::Status::IoError("writing " + path.string() + ": " + Errno());
    data.remove_prefix(static_cast<size_t>(n));
  }
  return post::Status::Ok();
}

post::Status FsyncDir(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return post::Status::IoError("opening directory " + dir.string() + ": " + Errno());
  const bool ok = ::fsync(fd) == 0;
  const std::string err = ok ? "" : Errno();
  ::close(fd);
  if (!ok) return post::Status::IoError("fsync of directory " + dir.string() + ": " + err);
  return post::Status::Ok();
}

}  // namespace

post::Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  const std::filesystem::path temp = path.string() + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return post::Status::IoError("creating " + temp.string() + ": " + Errno());
  post::Status st = WriteAll(fd, content, temp);
  if (st.ok() && ::fsync(fd) != 0) st = post::Status::IoError("fsync of " + temp.string() + ": " + Errno());
  if (::close(fd) != 0 && st.ok()) st = post::Status::IoError("closing " + temp.string() + ": " + Errno());
  if (st.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    st = post::Status::IoError("renaming " + temp.string() + " to " + path.string() + ": " + Errno());
  }
  if (!st.ok()) {
    ::unlink(temp.c_str());
    return st;
  }
  return FsyncDir(dir);
}

}  // namespace node
