// Go-style durations as the reference's config uses them: "12h", "1m30s", "500ms", "0".
#pragma once

#include <string>
#include <string_view>

#include "node/config/config.h"

namespace node {

base::Result<Duration> ParseDuration(std::string_view text);
std::string FormatDuration(Duration d);  // "12h0m0s" style, as Go prints it

}  // namespace node
