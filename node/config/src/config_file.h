// Reads a config file into one tree: JSON (by the .json extension, or content that starts with
// '{') with nlohmann, else YAML with yaml-cpp, whose scalars become strings.
#pragma once

#include <filesystem>

#include "values.h"

namespace node::config_internal {

// The file's top-level mapping (empty for an empty YAML file); errors name the file and, for
// syntax errors, the line.
base::Result<Json> LoadConfigFile(const std::filesystem::path& path);

}  // namespace node::config_internal
