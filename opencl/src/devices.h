// OpenCL device enumeration in provider order, and typed device queries.
#pragma once

#include <CL/cl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sm/opencl/providers.h"

namespace sm::opencl {

struct DeviceEntry {
  cl_platform_id platform = nullptr;
  cl_device_id device = nullptr;
  Provider provider;
};

// All usable OpenCL devices, GPUs first, ids assigned 0..k-1 (see ListProviders).
std::vector<DeviceEntry> EnumerateDevices();

std::string DeviceString(cl_device_id device, cl_device_info param);
uint64_t DeviceU64(cl_device_id device, cl_device_info param);  // cl_ulong-sized params
uint32_t DeviceU32(cl_device_id device, cl_device_info param);  // cl_uint-sized params; 0 on error
size_t DeviceSize(cl_device_id device, cl_device_info param);   // size_t-sized params

}  // namespace sm::opencl
