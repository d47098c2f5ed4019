// The post-service process: startup checks, then proving for the node until told to stop.
#pragma once

#include "post_service/config.h"

namespace post_service {

// Runs until SIGINT/SIGTERM, the exit of --watch-pid, or a fatal error (bad flags or data,
// max retries reached). Returns the exit code: 0 for a requested stop, 1 for an error.
int RunService(const ServiceConfig& config);

}  // namespace post_service
