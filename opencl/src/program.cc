#include "program.h"

#include <regex>

#include "cl_error.h"

namespace sm::opencl {
namespace {

std::string BuildLog(cl_program program, cl_device_id device) {
  size_t size = 0;
  if (clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, nullptr, &size) != CL_SUCCESS) return {};
  std::string log(size, '\0');
  if (clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, size, log.data(), nullptr) != CL_SUCCESS) {
    return {};
  }
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log;
}

}  // namespace

base::Result<ProgramHandle> BuildProgram(cl_context context, cl_device_id device, std::string_view source,
                                         const std::string& options, std::string* log) {
  const char* text = source.data();
  const size_t length = source.size();
  cl_int err = CL_SUCCESS;
  ProgramHandle program(clCreateProgramWithSource(context, 1, &text, &length, &err));
  if (err != CL_SUCCESS) return base::Status::DeviceError(ClCallError("clCreateProgramWithSource", err));
  err = clBuildProgram(program.get(), 1, &device, options.c_str(), nullptr, nullptr);
  *log = BuildLog(program.get(), device);
  if (err != CL_SUCCESS) {
    return base::Status::DeviceError(ClCallError("clBuildProgram", err) + " with options '" + options +
                                     "'; build log:\n" + *log);
  }
  return program;
}

base::Result<KernelHandle> CreateKernel(cl_program program, const char* name) {
  cl_int err = CL_SUCCESS;
  KernelHandle kernel(clCreateKernel(program, name, &err));
  if (err != CL_SUCCESS)
    return base::Status::DeviceError(ClCallError(std::string("clCreateKernel(") + name + ")", err));
  return kernel;
}

int ParseNvidiaRegisters(const std::string& log, const std::string& kernel) {
  const size_t entry = log.find("entry function '" + kernel + "'");
  if (entry == std::string::npos) return -1;
  static const std::regex kUsed(R"(Used (\d+) registers)");
  std::smatch match;
  const std::string rest = log.substr(entry);
  if (!std::regex_search(rest, match, kUsed)) return -1;
  return std::stoi(match[1].str());
}

}  // namespace sm::opencl
