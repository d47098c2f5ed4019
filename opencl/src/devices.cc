#include "devices.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <regex>

namespace sm::opencl {
namespace {

std::string PlatformString(cl_platform_id platform, cl_platform_info param) {
  size_t size = 0;
  if (clGetPlatformInfo(platform, param, 0, nullptr, &size) != CL_SUCCESS || size == 0) return {};
  std::string value(size, '\0');
  if (clGetPlatformInfo(platform, param, size, value.data(), nullptr) != CL_SUCCESS) return {};
  value.resize(value.find('\0') == std::string::npos ? size : value.find('\0'));
  return value;
}

// The regex in environment variable `name`, if set and valid.
std::optional<std::regex> BlacklistFromEnv(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  try {
    return std::regex(text);
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
}

bool Blacklisted(const std::optional<std::regex>& re, const std::string& name) {
  return re && std::regex_search(name, *re);
}

DeviceType TypeOf(cl_device_type type) {
  if (type & CL_DEVICE_TYPE_GPU) return DeviceType::kGpu;
  if (type & CL_DEVICE_TYPE_CPU) return DeviceType::kCpu;
  if (type & CL_DEVICE_TYPE_ACCELERATOR) return DeviceType::kAccelerator;
  return DeviceType::kOther;
}

}  // namespace

std::string DeviceString(cl_device_id device, cl_device_info param) {
  size_t size = 0;
  if (clGetDeviceInfo(device, param, 0, nullptr, &size) != CL_SUCCESS || size == 0) return {};
  std::string value(size, '\0');
  if (clGetDeviceInfo(device, param, size, value.data(), nullptr) != CL_SUCCESS) return {};
  value.resize(value.find('\0') == std::string::npos ? size : value.find('\0'));
  return value;
}

uint64_t DeviceU64(cl_device_id device, cl_device_info param) {
  cl_ulong value = 0;
  if (clGetDeviceInfo(device, param, sizeof(value), &value, nullptr) != CL_SUCCESS) return 0;
  return value;
}

uint32_t DeviceU32(cl_device_id device, cl_device_info param) {
  cl_uint value = 0;
  if (clGetDeviceInfo(device, param, sizeof(value), &value, nullptr) != CL_SUCCESS) return 0;
  return value;
}

size_t DeviceSize(cl_device_id device, cl_device_info param) {
  size_t value = 0;
  if (clGetDeviceInfo(device, param, sizeof(value), &value, nullptr) != CL_SUCCESS) return 0;
  return value;
}

std::vector<DeviceEntry> EnumerateDevices() {
  std::vector<DeviceEntry> devices;
  cl_uint num_platforms = 0;
  if (clGetPlatformIDs(0, nullptr, &num_platforms) != CL_SUCCESS || num_platforms == 0) return {};
  std::vector<cl_platform_id> platforms(num_platforms);
  if (clGetPlatformIDs(num_platforms, platforms.data(), nullptr) != CL_SUCCESS) return {};

  const auto platform_blacklist = BlacklistFromEnv("POST_OCL_PLATFORMS_BLACKLIST");
  const auto device_blacklist = BlacklistFromEnv("POST_OCL_DEVICES_BLACKLIST");
  for (cl_platform_id platform : platforms) {
    const std::string platform_name = PlatformString(platform, CL_PLATFORM_NAME);
    if (Blacklisted(platform_blacklist, platform_name)) continue;
    cl_uint num_devices = 0;
    if (clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, nullptr, &num_devices) != CL_SUCCESS) continue;
    std::vector<cl_device_id> ids(num_devices);
    if (clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, num_devices, ids.data(), nullptr) != CL_SUCCESS) {
      continue;
    }
    for (cl_device_id id : ids) {
      DeviceEntry entry{platform, id, {}};
      entry.provider.name = DeviceString(id, CL_DEVICE_NAME);
      if (Blacklisted(device_blacklist, entry.provider.name)) continue;
      entry.provider.vendor = DeviceString(id, CL_DEVICE_VENDOR);
      entry.provider.platform = platform_name;
      entry.provider.type = TypeOf(DeviceU64(id, CL_DEVICE_TYPE));
      entry.provider.global_memory = DeviceU64(id, CL_DEVICE_GLOBAL_MEM_SIZE);
      entry.provider.compute_units = DeviceU32(id, CL_DEVICE_MAX_COMPUTE_UNITS);
      devices.push_back(std::move(entry));
    }
  }
  std::stable_partition(devices.begin(), devices.end(),
                        [](const DeviceEntry& d) { return d.provider.type == DeviceType::kGpu; });
  for (size_t i = 0; i < devices.size(); ++i) devices[i].provider.id = static_cast<uint32_t>(i);
  return devices;
}

}  // namespace sm::opencl
