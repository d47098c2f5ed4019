// Replacing a small file so that a crash leaves either the old or the new content.
#pragma once

#include <filesystem>
#include <string_view>

#include "post/status.h"

namespace node {

// Writes `content` to a temp file next to `path` (mode 0600), fsyncs it, renames it over `path`
// and fsyncs the directory.
post::Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content);

}  // namespace node
