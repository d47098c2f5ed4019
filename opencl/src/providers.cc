#include "sm/opencl/providers.h"

#include "devices.h"

namespace sm::opencl {

const char* DeviceTypeName(DeviceType type) {
  switch (type) {
    case DeviceType::kCpu: return "CPU";
    case DeviceType::kGpu: return "GPU";
    case DeviceType::kAccelerator: return "ACCELERATOR";
    case DeviceType::kOther: break;
  }
  return "OTHER";
}

std::vector<Provider> ListProviders() {
  std::vector<Provider> providers;
  for (DeviceEntry& entry : EnumerateDevices()) providers.push_back(std::move(entry.provider));
  Provider cpu;
  cpu.id = kCpuProviderId;
  cpu.name = kCpuProviderName;
  cpu.type = DeviceType::kCpu;
  providers.push_back(std::move(cpu));
  return providers;
}

}  // namespace sm::opencl
