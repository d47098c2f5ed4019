// sm_opencl reports errors with post-core's Status and Result (post/status.h); a failed Status
// names the device, the OpenCL call and its error code, e.g.
// "provider 0 (NVIDIA H100): clBuildProgram: CL_BUILD_PROGRAM_FAILURE (-11)".
#pragma once

#include "post/status.h"

namespace sm::opencl {

using post::Result;
using post::Status;

}  // namespace sm::opencl
