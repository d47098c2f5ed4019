#include "node/store/data_folder.h"

#include <unistd.h>

#include "file_lock.h"

namespace node {

base::Result<std::unique_ptr<DataFolder>> DataFolder::Open(const std::filesystem::path& root,
                                                           const std::filesystem::path& filelock) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::create_directories(root, ec)) {
    fs::permissions(root, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  if (ec) return base::Status::IoError("cannot create data folder " + root.string() + ": " + ec.message());

  auto lock = store::LockFile(root / "node.lock");
  if (!lock.ok()) return lock.status();
  int filelock_fd = -1;
  // A --filelock that names <root>/node.lock itself is already held.
  if (!filelock.empty() && !fs::equivalent(filelock, root / "node.lock", ec)) {
    auto second = store::LockFile(filelock);
    if (!second.ok()) {
      ::close(*lock);
      return second.status();
    }
    filelock_fd = *second;
  }
  return std::unique_ptr<DataFolder>(new DataFolder(root, *lock, filelock_fd));
}

DataFolder::DataFolder(std::filesystem::path root, int lock_fd, int filelock_fd)
    : root_(std::move(root)), lock_fd_(lock_fd), filelock_fd_(filelock_fd) {}

DataFolder::~DataFolder() {
  if (filelock_fd_ >= 0) ::close(filelock_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

}  // namespace node
