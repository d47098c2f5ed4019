// spacemesh-node as a whole: opens the data folder, loads identities and state, serves the API
// until SIGINT or SIGTERM, then stops in order. Startup failures are logged with what to fix.
#pragma once

#include "node/config/config.h"

namespace node {

// Returns the process exit code: 0 after a requested stop, 1 when startup failed.
int RunNode(const Config& config);

}  // namespace node
