// The node's data folder: created 0700, locked for the node's lifetime (a second node on the
// same folder or the same --filelock fails with a clear message), and bound to one genesis.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"

namespace node {

struct Genesis {
  std::string time;  // RFC 3339, UTC
  std::string extra_data;
};

class DataFolder {
 public:
  // Creates `root` if missing and takes an exclusive flock on <root>/node.lock and, when not
  // empty, on `filelock`. Held locks give kAborted: "only one spacemesh instance should be
  // running (<path> is locked by pid N)".
  static base::Result<std::unique_ptr<DataFolder>> Open(const std::filesystem::path& root,
                                                        const std::filesystem::path& filelock);
  ~DataFolder();  // releases the locks
  DataFolder(const DataFolder&) = delete;
  DataFolder& operator=(const DataFolder&) = delete;

  // Binds the folder to `genesis` on first use (genesis.json, written atomically); later a
  // different genesis is kInvalidArgument "genesis config updated after node initialization".
  // An empty `wanted.time` adopts the stored time, or now when there is none (standalone); the
  // extra data must match either way.
  base::Result<Genesis> BindGenesis(const Genesis& wanted);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path identities_dir() const { return root_ / "identities"; }
  static constexpr const char* kStateDirName = "state";
  std::filesystem::path state_dir() const { return root_ / kStateDirName; }

 private:
  DataFolder(std::filesystem::path root, int lock_fd, int filelock_fd);
  std::filesystem::path root_;
  int lock_fd_ = -1;
  int filelock_fd_ = -1;
};

}  // namespace node
