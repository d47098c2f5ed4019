// Exclusive advisory locks that keep a second node off a data folder.
#pragma once

#include <filesystem>

#include "base/status.h"

namespace node::store {

// Opens `path` (created 0600, parent directories as needed), takes an exclusive non-blocking
// flock and writes this process's pid into it; returns the fd, which holds the lock until closed.
// A lock held by any other open of the file, in this process or another, is kAborted:
// "only one spacemesh instance should be running (<path> is locked by pid N)".
base::Result<int> LockFile(const std::filesystem::path& path);

}  // namespace node::store
