// Typed values from a config tree node or a flag's text. File values may be native JSON types
// or strings (YAML scalars arrive as strings, flags always do); messages say what was expected
// and show what was given, without the key (the caller adds it).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>

#include "node/config/config.h"

namespace node::config_internal {

using Json = nlohmann::json;

// The value as the message shows it: strings quoted, the rest as JSON.
std::string Describe(const Json& v);

base::Status ToBool(const Json& v, bool* out);                    // true/false, Go's ParseBool words
base::Status ToUint(const Json& v, uint64_t max, uint64_t* out);  // non-negative integer <= max
base::Status ToText(const Json& v, std::string* out);             // strings only
base::Status ToPath(const Json& v, std::filesystem::path* out);   // a leading ~/ is $HOME
base::Status ToDuration(const Json& v, Duration* out);            // "1m30s"; a number is nanoseconds
base::Status ToHash32(const Json& v, base::Hash32* out);          // 64 hex characters

template <typename T>
base::Status ToUint(const Json& v, T* out) {
  uint64_t wide = 0;
  base::Status s = ToUint(v, std::numeric_limits<T>::max(), &wide);
  if (s.ok()) *out = static_cast<T>(wide);
  return s;
}

// $HOME, and $TMPDIR (or /tmp), for the presets' default paths.
std::filesystem::path HomeDir();
std::filesystem::path TempDir();

}  // namespace node::config_internal
