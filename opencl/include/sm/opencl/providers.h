// Providers: the OpenCL devices of this machine, numbered as postcli's -provider flag expects,
// plus the CPU provider (computed by post-core, listed here so that callers see one list).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sm::opencl {

inline constexpr uint32_t kCpuProviderId = 4294967295u;
inline constexpr const char* kCpuProviderName = "[CPU] scrypt-jane";

enum class DeviceType { kCpu, kGpu, kAccelerator, kOther };
const char* DeviceTypeName(DeviceType type);  // "CPU", "GPU", "ACCELERATOR", "OTHER"

struct Provider {
  uint32_t id = 0;
  std::string name;
  std::string vendor;
  std::string platform;
  DeviceType type = DeviceType::kOther;
  uint64_t global_memory = 0;  // bytes; 0 for the CPU provider
  uint32_t compute_units = 0;  // 0 for the CPU provider
};

// GPU devices first (ids 0..g-1 in platform/device order, as post-rs numbers them), then the
// other OpenCL devices, then the CPU provider. Platforms or devices whose name matches the
// regex in POST_OCL_PLATFORMS_BLACKLIST / POST_OCL_DEVICES_BLACKLIST are left out.
std::vector<Provider> ListProviders();

}  // namespace sm::opencl
