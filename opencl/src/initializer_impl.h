// GpuInitializer's state (one device context with its programs, kernels and buffers) and the
// steps Create takes to set it up (initializer_setup.cc).
#pragma once

#include <CL/cl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "batch_runner.h"
#include "cl_handle.h"
#include "devices.h"
#include "geometry.h"
#include "sm/opencl/initializer.h"

namespace sm::opencl {

// The kernel shape Create picks before building anything.
struct LaunchConfig {
  Kernel kernel = Kernel::kLane1;
  uint32_t threads_per_label = 1;
  uint32_t lookup_gap = 1;
  uint32_t local_size = 1;
};

struct GpuInitializer::Impl {
  Info info;
  std::string where;  // "provider 0 (NVIDIA H100 80GB HBM3)": the context of every error
  cl_platform_id platform = nullptr;
  cl_device_id device = nullptr;
  ContextHandle context;
  QueueHandle queue;
  ProgramHandle kdf_program, romix_program;
  KernelHandle pbkdf2_in, romix, pbkdf2_out, vrf_min;
  MemHandle xbuf, labels, full, result;
  std::vector<MemHandle> scratch;
  size_t vrf_local = 0;
  std::unique_ptr<BatchRunner> runner;

  base::Status Setup(const DeviceEntry& entry, uint32_t scrypt_n, const Options& options);
  base::Status Run(const BatchRunner::Job& job, const BatchRunner::Sink& sink, std::optional<VrfCandidate>* best);

 private:
  base::Result<LaunchConfig> Choose(const DeviceEntry& entry, const Options& options) const;
  base::Status Build(const LaunchConfig& config, const Options& options);
  base::Result<Geometry> PlanAndAllocate(const LaunchConfig& config, const Options& options);
  base::Status Allocate(const Geometry& g, bool* out_of_memory);
  base::Status SetArguments(const Geometry& g);
};

}  // namespace sm::opencl
