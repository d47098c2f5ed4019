#include <CL/cl_ext.h>

#include <algorithm>
#include <string>

#include "cl_error.h"
#include "initializer_impl.h"
#include "kernel_source.h"
#include "program.h"

namespace sm::opencl {
namespace {

base::Status Check(cl_int err, const std::string& call) {
  return err == CL_SUCCESS ? base::Status::Ok() : base::Status::DeviceError(ClCallError(call, err));
}

bool IsNvidia(const Provider& p) {
  return p.vendor.find("NVIDIA") != std::string::npos || p.platform.find("NVIDIA") != std::string::npos;
}

bool IsOutOfMemory(cl_int err) {
  return err == CL_MEM_OBJECT_ALLOCATION_FAILURE || err == CL_OUT_OF_RESOURCES || err == CL_INVALID_BUFFER_SIZE ||
         err == CL_OUT_OF_HOST_MEMORY;
}

size_t FloorPow2(size_t v) {
  size_t p = 1;
  while (p * 2 <= v) p *= 2;
  return p;
}

}  // namespace

base::Status GpuInitializer::Impl::Setup(const DeviceEntry& entry, uint32_t scrypt_n, const Options& options) {
  platform = entry.platform;
  device = entry.device;
  info.provider = entry.provider;
  info.scrypt_n = scrypt_n;
  if (DeviceU32(device, CL_DEVICE_ENDIAN_LITTLE) == 0) {
    return base::Status::InvalidArgument("big-endian OpenCL devices are not supported");
  }
  base::Result<LaunchConfig> config = Choose(entry, options);
  if (!config.ok()) return config.status();
  vrf_local = FloorPow2(std::min<size_t>(256, DeviceSize(device, CL_DEVICE_MAX_WORK_GROUP_SIZE)));
  base::Status built = Build(config.value(), options);
  if (!built.ok() && options.kernel == Kernel::kAuto && config->kernel != Kernel::kLane1) {
    // The shuffle kernel relies on inline PTX; a driver that rejects it gets the portable one.
    config->kernel = Kernel::kLane1;
    config->threads_per_label = 1;
    built = Build(config.value(), options);
  }
  if (!built.ok()) return built;

  base::Result<Geometry> geometry = PlanAndAllocate(config.value(), options);
  if (!geometry.ok()) return geometry.status();
  if (base::Status s = SetArguments(geometry.value()); !s.ok()) return s;
  const BatchDevice batch{context.get(),
                          queue.get(),
                          pbkdf2_in.get(),
                          romix.get(),
                          pbkdf2_out.get(),
                          vrf_min.get(),
                          labels.get(),
                          full.get(),
                          result.get(),
                          geometry->lanes,
                          size_t{geometry->lanes} * config->threads_per_label,
                          config->local_size,
                          vrf_local};
  base::Result<std::unique_ptr<BatchRunner>> created = BatchRunner::Create(batch, options.pipeline_depth, options.wait);
  if (!created.ok()) return created.status();
  runner = std::move(created).value();

  info.kernel = config->kernel;
  info.lookup_gap = config->lookup_gap;
  info.lanes = geometry->lanes;
  info.local_size = config->local_size;
  info.scratch_buffers = geometry->buffers;
  info.scratch_bytes = geometry->ScratchBytes();
  return base::Status::Ok();
}

base::Result<LaunchConfig> GpuInitializer::Impl::Choose(const DeviceEntry& entry, const Options& options) const {
  const bool gpu = entry.provider.type == DeviceType::kGpu;
  const bool nvidia = IsNvidia(entry.provider);
  LaunchConfig c;
  c.kernel = options.kernel != Kernel::kAuto ? options.kernel : gpu && nvidia ? Kernel::kLane4Shuffle : Kernel::kLane1;
  if (c.kernel == Kernel::kLane4Shuffle && !nvidia) {
    return base::Status::InvalidArgument("kernel lane4-shuffle uses NVIDIA warp shuffles; this device is not NVIDIA");
  }
  c.threads_per_label = c.kernel == Kernel::kLane1 ? 1 : 4;
  const uint32_t n = info.scrypt_n;
  c.lookup_gap = options.lookup_gap != 0 ? options.lookup_gap
                 : gpu ? AutoLookupGap(entry.provider.global_memory, std::max(1u, entry.provider.compute_units), n,
                                       options.memory_fraction)
                       : 1;
  if (c.lookup_gap < 1 || c.lookup_gap > n) {
    return base::Status::InvalidArgument("lookup gap " + std::to_string(c.lookup_gap) + " is not in 1..N (" +
                                         std::to_string(n) + ")");
  }
  c.local_size = options.local_size != 0 ? options.local_size : gpu ? 64 : c.threads_per_label == 1 ? 8 : 16;
  const size_t max_group = DeviceSize(device, CL_DEVICE_MAX_WORK_GROUP_SIZE);
  if (c.local_size % c.threads_per_label != 0 || c.local_size > max_group ||
      (c.kernel == Kernel::kLane4Shuffle && c.local_size % 32 != 0)) {
    return base::Status::InvalidArgument("work-group size " + std::to_string(c.local_size) + " does not fit kernel " +
                                         KernelName(c.kernel) + " (device maximum " + std::to_string(max_group) + ")");
  }
  return c;
}

base::Status GpuInitializer::Impl::Build(const LaunchConfig& config, const Options& options) {
  cl_int err = CL_SUCCESS;
  const cl_context_properties properties[] = {CL_CONTEXT_PLATFORM, reinterpret_cast<cl_context_properties>(platform),
                                              0};
  context.reset(clCreateContext(properties, 1, &device, nullptr, nullptr, &err));
  if (err != CL_SUCCESS) return Check(err, "clCreateContext");
  queue.reset(clCreateCommandQueue(context.get(), device, 0, &err));
  if (err != CL_SUCCESS) return Check(err, "clCreateCommandQueue");

  const std::string extra = options.build_options.empty() ? "" : " " + options.build_options;
  std::string kdf_log;
  base::Result<ProgramHandle> kdf =
      BuildProgram(context.get(), device, KdfSource(), "-DVRF_WG=" + std::to_string(vrf_local) + extra, &kdf_log);
  if (!kdf.ok()) return kdf.status();
  kdf_program = std::move(kdf).value();

  std::string flags =
      "-DSCRYPT_N=" + std::to_string(info.scrypt_n) + " -DLOOKUP_GAP=" + std::to_string(config.lookup_gap) +
      " -DROMIX_LANES=" + std::to_string(config.threads_per_label) + " -DROMIX_WG=" + std::to_string(config.local_size);
  if (config.kernel == Kernel::kLane4Shuffle) flags += " -DSM_NV_SHFL";
  if (IsNvidia(info.provider)) flags += " -cl-nv-verbose";  // register use in the build log
  base::Result<ProgramHandle> built =
      BuildProgram(context.get(), device, RomixSource(), flags + extra, &info.build_log);
  if (!built.ok()) return built.status();
  romix_program = std::move(built).value();

  struct Named {
    KernelHandle* handle;
    cl_program program;
    const char* name;
  };
  for (const Named& k :
       {Named{&pbkdf2_in, kdf_program.get(), "pbkdf2_in"}, Named{&pbkdf2_out, kdf_program.get(), "pbkdf2_out"},
        Named{&vrf_min, kdf_program.get(), "vrf_min"}, Named{&romix, romix_program.get(), "romix"}}) {
    base::Result<KernelHandle> created = CreateKernel(k.program, k.name);
    if (!created.ok()) return created.status();
    *k.handle = std::move(created).value();
  }
  size_t max_group = 0;
  err =
      clGetKernelWorkGroupInfo(romix.get(), device, CL_KERNEL_WORK_GROUP_SIZE, sizeof(max_group), &max_group, nullptr);
  if (err != CL_SUCCESS) return Check(err, "clGetKernelWorkGroupInfo(romix)");
  if (max_group < config.local_size) {
    return base::Status::InvalidArgument("kernel romix runs work-groups of at most " + std::to_string(max_group) +
                                         " work-items on this device; asked for " + std::to_string(config.local_size));
  }
  info.registers = IsNvidia(info.provider) ? ParseNvidiaRegisters(info.build_log, "romix") : -1;
  return base::Status::Ok();
}

base::Result<Geometry> GpuInitializer::Impl::PlanAndAllocate(const LaunchConfig& config, const Options& options) {
  DeviceLimits limits;
  limits.global_memory = info.provider.global_memory;
  limits.max_buffer_bytes =
      options.max_buffer_bytes != 0 ? options.max_buffer_bytes : DeviceU64(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE);
  limits.compute_units = std::max(1u, info.provider.compute_units);
  if (info.provider.type != DeviceType::kGpu) {
    limits.resident_threads_per_cu = 2 * config.local_size;  // two work-groups per core
  } else if (IsNvidia(info.provider)) {
    // Unknown register use counts as full occupancy: never more lanes than one wave.
    limits.resident_threads_per_cu = NvidiaResidentThreads(
        static_cast<uint32_t>(std::max(info.registers, 0)), DeviceU32(device, CL_DEVICE_COMPUTE_CAPABILITY_MAJOR_NV),
        DeviceU32(device, CL_DEVICE_COMPUTE_CAPABILITY_MINOR_NV), config.local_size);
  }
  GeometryRequest request{info.scrypt_n,     config.lookup_gap, config.threads_per_label,
                          config.local_size, options.lanes,     options.memory_fraction};
  // Auto lanes back off when the driver cannot back the buffers after all.
  for (int attempt = 0;; ++attempt) {
    base::Result<Geometry> planned = PlanGeometry(limits, request);
    if (!planned.ok()) return planned.status();
    bool out_of_memory = false;
    const base::Status s = Allocate(planned.value(), &out_of_memory);
    if (s.ok()) return planned;
    if (!out_of_memory || options.lanes != 0 || attempt == 4) return s;
    request.memory_fraction *= 0.9;
  }
}

base::Status GpuInitializer::Impl::Allocate(const Geometry& g, bool* out_of_memory) {
  scratch.clear();
  const auto create = [&](MemHandle* mem, size_t bytes, const std::string& what) {
    cl_int err = CL_SUCCESS;
    mem->reset(clCreateBuffer(context.get(), CL_MEM_READ_WRITE, bytes, nullptr, &err));
    *out_of_memory = IsOutOfMemory(err);
    return Check(err, "clCreateBuffer(" + what + ", " + std::to_string(bytes) + " bytes)");
  };
  const size_t lanes = g.lanes;
  base::Status s = create(&xbuf, lanes * 128, "state");
  if (s.ok()) s = create(&labels, lanes * 16, "labels");
  if (s.ok()) s = create(&full, lanes * 32, "outputs");
  if (s.ok()) s = create(&result, 9 * sizeof(cl_uint), "vrf result");
  for (uint32_t b = 0; s.ok() && b < g.buffers; ++b) {
    scratch.emplace_back();
    s = create(&scratch.back(), g.BufferLabels(b) * g.bytes_per_label, "scratchpad " + std::to_string(b));
  }
  // Touch every buffer so that the driver backs it now rather than at the first batch.
  for (uint32_t b = 0; s.ok() && b < scratch.size(); ++b) {
    const cl_uint zero = 0;
    const size_t bytes = g.BufferLabels(b) * g.bytes_per_label;
    const cl_int err = clEnqueueFillBuffer(queue.get(), scratch[b].get(), &zero, sizeof(zero), bytes - sizeof(zero),
                                           sizeof(zero), 0, nullptr, nullptr);
    *out_of_memory = IsOutOfMemory(err);
    s = Check(err, "clEnqueueFillBuffer(scratchpad " + std::to_string(b) + ")");
  }
  if (s.ok()) {
    const cl_int err = clFinish(queue.get());
    *out_of_memory = IsOutOfMemory(err);
    s = Check(err, "clFinish(scratchpad allocation)");
  }
  return s;
}

base::Status GpuInitializer::Impl::SetArguments(const Geometry& g) {
  const auto set = [](cl_kernel k, cl_uint index, size_t size, const void* value, const char* name) {
    return Check(clSetKernelArg(k, index, size, value),
                 std::string("clSetKernelArg(") + name + ", " + std::to_string(index) + ")");
  };
  const cl_mem x = xbuf.get(), l = labels.get(), f = full.get(), r = result.get();
  const cl_uint lanes = g.lanes, per_buffer = g.labels_per_buffer;
  base::Status s = set(pbkdf2_in.get(), 2, sizeof(cl_mem), &x, "pbkdf2_in");
  if (s.ok()) s = set(romix.get(), 0, sizeof(cl_mem), &x, "romix");
  if (s.ok()) s = set(romix.get(), 1, sizeof(cl_uint), &lanes, "romix");
  if (s.ok()) s = set(romix.get(), 2, sizeof(cl_uint), &per_buffer, "romix");
  for (cl_uint b = 0; s.ok() && b < kMaxScratchBuffers; ++b) {
    const cl_mem v = scratch[std::min<size_t>(b, scratch.size() - 1)].get();  // unused ones repeat
    s = set(romix.get(), 3 + b, sizeof(cl_mem), &v, "romix");
  }
  if (s.ok()) s = set(pbkdf2_out.get(), 2, sizeof(cl_mem), &x, "pbkdf2_out");
  if (s.ok()) s = set(pbkdf2_out.get(), 3, sizeof(cl_mem), &l, "pbkdf2_out");
  if (s.ok()) s = set(pbkdf2_out.get(), 4, sizeof(cl_mem), &f, "pbkdf2_out");
  if (s.ok()) s = set(vrf_min.get(), 0, sizeof(cl_mem), &f, "vrf_min");
  if (s.ok()) s = set(vrf_min.get(), 3, sizeof(cl_mem), &r, "vrf_min");
  return s;
}

}  // namespace sm::opencl
