#include "file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace node::store {
namespace {

std::string Errno() { return std::strerror(errno); }

// The pid the holder wrote, or "" when it has not written it yet.
std::string HolderPid(int fd) {
  char buf[32] = {};
  ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  std::string pid(buf, n > 0 ? static_cast<size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

base::Result<int> LockFile(const std::filesystem::path& path) {
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return base::Status::IoError("cannot create " + path.parent_path().string() + ": " + ec.message());
  }
  // No O_TRUNC: the holder's pid must survive our open; CLOEXEC keeps children off the lock.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return base::Status::IoError("cannot open lock file " + path.string() + ": " + Errno());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder = err == EWOULDBLOCK ? HolderPid(fd) : "";
    ::close(fd);
    if (err != EWOULDBLOCK) {
      return base::Status::IoError("cannot lock " + path.string() + ": " + std::strerror(err));
    }
    return base::Status::Aborted("only one spacemesh instance should be running (" + path.string() + " is locked by " +
                                 (holder.empty() ? "another process" : "pid " + holder) + ")");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != ssize_t(pid.size())) {
    const std::string err = Errno();
    ::close(fd);
    return base::Status::IoError("cannot write pid into lock file " + path.string() + ": " + err);
  }
  return fd;
}

}  // namespace node::store
