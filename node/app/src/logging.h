// Leveled logs on stderr with a timestamp; identities appear as the first 8 hex digits of the
// node id. Key material is never logged.
#pragma once

#include <string>

namespace node {

void SetupLogging(const std::string& level);

}  // namespace node
