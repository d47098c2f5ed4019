// Batch geometry: how many labels run at once (lanes) and how their scratchpad is split over
// buffers within the device's per-allocation limit. Pure arithmetic, unit-tested.
#pragma once

#include <cstdint>

#include "base/status.h"

namespace sm::opencl {

inline constexpr uint32_t kMaxScratchBuffers = 8;
inline constexpr uint64_t kBatchBytesPerLabel = 128 + 16 + 32;  // X state, label, full output
inline constexpr uint32_t kTargetLabelsPerCu = 512;             // auto lookup gap: concurrent labels per CU

struct DeviceLimits {
  uint64_t global_memory = 0;
  uint64_t max_buffer_bytes = 0;  // per scratchpad buffer
  uint32_t compute_units = 1;
  uint32_t resident_threads_per_cu = 0;  // work-items one CU runs at once; 0 = unknown
};

struct GeometryRequest {
  uint32_t scrypt_n = 0;
  uint32_t lookup_gap = 1;
  uint32_t threads_per_label = 1;
  uint32_t local_size = 1;  // work-items per work-group, a multiple of threads_per_label
  uint32_t lanes = 0;       // 0 = auto
  double memory_fraction = 0.94;
};

struct Geometry {
  uint32_t lanes = 0;              // labels per batch, a multiple of the work-group's labels
  uint32_t labels_per_buffer = 0;  // the last buffer may hold fewer
  uint32_t buffers = 0;
  uint64_t bytes_per_label = 0;  // scratchpad

  uint32_t BufferLabels(uint32_t buffer) const;
  uint64_t ScratchBytes() const { return uint64_t{lanes} * bytes_per_label; }
};

// ceil(N / G) entries of 128 bytes.
uint64_t ScratchBytesPerLabel(uint32_t scrypt_n, uint32_t lookup_gap);

// Smallest gap (1..16, <= N) at which kTargetLabelsPerCu labels per CU fit in memory.
uint32_t AutoLookupGap(uint64_t global_memory, uint32_t compute_units, uint32_t scrypt_n, double memory_fraction);

// Auto lanes: as many as memory allows, at most what the CUs run at once, rounded down to
// whole work-groups per CU. Explicit lanes are rounded up to whole work-groups.
base::Result<Geometry> PlanGeometry(const DeviceLimits& device, const GeometryRequest& request);

// Work-items an NVIDIA SM keeps resident for a kernel using `registers` per work-item.
uint32_t NvidiaResidentThreads(uint32_t registers, uint32_t cc_major, uint32_t cc_minor, uint32_t local_size);

}  // namespace sm::opencl
