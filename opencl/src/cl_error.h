// Names of OpenCL error codes, for messages that say which call failed and how.
#pragma once

#include <CL/cl.h>

#include <string>
#include <string_view>

namespace sm::opencl {

const char* ClErrorName(cl_int code);  // "CL_OUT_OF_RESOURCES", or "unknown OpenCL error"

// "<call>: <NAME> (<code>)"
std::string ClCallError(std::string_view call, cl_int code);

}  // namespace sm::opencl
