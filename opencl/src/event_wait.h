// Waiting for a device event without spinning a CPU core (NVIDIA's OpenCL busy-waits in its
// blocking calls): a completion callback that wakes a condition variable, or a sleep for the
// predicted remaining time before the (then short) blocking wait.
#pragma once

#include <CL/cl.h>

#include <chrono>

#include "base/status.h"
#include "sm/opencl/initializer.h"

namespace sm::opencl {

// Returns once `event` completed; an error if it failed or could not be waited for.
base::Status WaitForEvent(cl_event event, WaitMode mode, std::chrono::nanoseconds predicted_remaining);

}  // namespace sm::opencl
