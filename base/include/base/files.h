// Whole-file reads and crash-safe replacement of small files (configs, keys, metadata, genesis).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "base/status.h"

namespace base {

// The file's bytes. `what` names the file's role in the error ("config file", "--ca-cert"):
// "cannot read <what> <path>: <strerror>"; a missing file is kNotFound, other failures kIoError.
Result<std::string> ReadFile(const std::filesystem::path& path, std::string_view what = "file");

// Writes `content` to a fresh hidden temp file next to `path` (created with `mode`, umask
// applied), fsyncs it, renames it over `path` and fsyncs the directory: a crash leaves either
// the old or the new content.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content, mode_t mode = 0600);

}  // namespace base
