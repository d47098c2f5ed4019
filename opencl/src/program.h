// Building the embedded kernel source for one device, and reading what the compiler reported.
#pragma once

#include <CL/cl.h>

#include <string>
#include <string_view>

#include "base/status.h"
#include "cl_handle.h"

namespace sm::opencl {

// Compiles `source` with `options`; *log receives the build log either way.
base::Result<ProgramHandle> BuildProgram(cl_context context, cl_device_id device, std::string_view source,
                                         const std::string& options, std::string* log);

base::Result<KernelHandle> CreateKernel(cl_program program, const char* name);

// Registers per work-item of `kernel` from an NVIDIA -cl-nv-verbose build log; -1 if absent.
int ParseNvidiaRegisters(const std::string& log, const std::string& kernel);

}  // namespace sm::opencl
