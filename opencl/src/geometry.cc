#include "geometry.h"

#include <algorithm>
#include <string>

namespace sm::opencl {
namespace {

uint64_t DivCeil(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

}  // namespace

uint32_t Geometry::BufferLabels(uint32_t buffer) const {
  const uint64_t first = uint64_t{buffer} * labels_per_buffer;
  return first >= lanes ? 0 : static_cast<uint32_t>(std::min<uint64_t>(labels_per_buffer, lanes - first));
}

uint64_t ScratchBytesPerLabel(uint32_t scrypt_n, uint32_t lookup_gap) { return DivCeil(scrypt_n, lookup_gap) * 128; }

uint32_t AutoLookupGap(uint64_t global_memory, uint32_t compute_units, uint32_t scrypt_n, double memory_fraction) {
  const double budget = memory_fraction * static_cast<double>(global_memory);
  const uint32_t max_gap = std::min<uint32_t>(16, scrypt_n);
  for (uint32_t gap = 1; gap < max_gap; ++gap) {
    const double need = double{kTargetLabelsPerCu} * compute_units *
                        static_cast<double>(ScratchBytesPerLabel(scrypt_n, gap) + kBatchBytesPerLabel);
    if (need <= budget) return gap;
  }
  return max_gap;
}

base::Result<Geometry> PlanGeometry(const DeviceLimits& device, const GeometryRequest& request) {
  if (request.local_size == 0 || request.local_size % request.threads_per_label != 0) {
    return base::Status::InvalidArgument("work-group size " + std::to_string(request.local_size) +
                                         " is not a multiple of " + std::to_string(request.threads_per_label) +
                                         " work-items per label");
  }
  Geometry g;
  g.bytes_per_label = ScratchBytesPerLabel(request.scrypt_n, request.lookup_gap);
  const uint64_t group = request.local_size / request.threads_per_label;  // labels per work-group
  const uint64_t per_label = g.bytes_per_label + kBatchBytesPerLabel;
  const uint64_t max_per_buffer = device.max_buffer_bytes / g.bytes_per_label / group * group;
  if (max_per_buffer == 0) {
    return base::Status::InvalidArgument("one work-group's scratchpad (" + std::to_string(group * g.bytes_per_label) +
                                         " bytes) exceeds the buffer limit of " +
                                         std::to_string(device.max_buffer_bytes) + " bytes");
  }
  const uint64_t buffer_cap = max_per_buffer * kMaxScratchBuffers;

  uint64_t lanes = request.lanes;
  if (lanes == 0) {
    lanes = static_cast<uint64_t>(request.memory_fraction * static_cast<double>(device.global_memory)) / per_label;
    if (device.resident_threads_per_cu > 0) {
      lanes = std::min<uint64_t>(
          lanes, uint64_t{device.compute_units} * device.resident_threads_per_cu / request.threads_per_label);
    }
    lanes = std::min(lanes, buffer_cap);
    const uint64_t granule = group * device.compute_units;  // equal work for every CU
    lanes = lanes >= granule ? lanes / granule * granule : std::max<uint64_t>(group, lanes / group * group);
  } else {
    lanes = DivCeil(lanes, group) * group;
    if (lanes > buffer_cap) {
      return base::Status::InvalidArgument(std::to_string(lanes) + " lanes need more than " +
                                           std::to_string(kMaxScratchBuffers) + " scratchpad buffers of at most " +
                                           std::to_string(device.max_buffer_bytes) + " bytes");
    }
  }
  if (lanes * per_label > device.global_memory || lanes > UINT32_MAX / request.threads_per_label) {
    return base::Status::InvalidArgument(std::to_string(lanes) + " lanes need " + std::to_string(lanes * per_label) +
                                         " bytes; the device has " + std::to_string(device.global_memory));
  }
  g.lanes = static_cast<uint32_t>(lanes);
  // Spread the lanes evenly over as few buffers as the limit allows.
  const uint64_t buffers = DivCeil(lanes, max_per_buffer);
  g.labels_per_buffer = static_cast<uint32_t>(DivCeil(DivCeil(lanes, buffers), group) * group);
  g.buffers = static_cast<uint32_t>(DivCeil(lanes, g.labels_per_buffer));
  return g;
}

uint32_t NvidiaResidentThreads(uint32_t registers, uint32_t cc_major, uint32_t cc_minor, uint32_t local_size) {
  const bool consumer = (cc_major == 8 && cc_minor >= 6) || cc_major == 12;
  const uint32_t max_threads = cc_major == 7 && cc_minor == 5 ? 1024 : consumer ? 1536 : 2048;
  const uint32_t max_groups = (cc_major == 8 && cc_minor == 9) || cc_major == 12 ? 24
                              : consumer || (cc_major == 7 && cc_minor == 5)     ? 16
                                                                                 : 32;
  const uint32_t warps_per_group = (local_size + 31) / 32;
  const uint32_t regs_per_warp = (std::max(registers, 1u) * 32 + 255) / 256 * 256;
  const uint32_t groups = std::min(65536 / regs_per_warp / warps_per_group, max_groups);
  return std::min(max_threads / local_size * local_size, groups * local_size);
}

}  // namespace sm::opencl
