// GpuInitializer: PoST labels (scrypt-jane, Keccak-512 + ChaCha20/8, N, r = p = 1) computed on
// an OpenCL device in pipelined batches of `lanes` labels, with the VRF nonce search on the
// device. One instance owns one device context; use it from one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "base/bytes.h"
#include "base/status.h"
#include "sm/opencl/providers.h"

namespace sm::opencl {

// ROMix kernel: one work-item per label (uint4 rows), or four per label (one ChaCha column
// each) exchanging rows through local memory or NVIDIA warp shuffles (NVIDIA only).
enum class Kernel { kAuto, kLane1, kLane4Local, kLane4Shuffle };
const char* KernelName(Kernel kernel);  // "auto", "lane1", "lane4-local", "lane4-shuffle"

// How the host waits for a batch: an event callback waking a condition variable, or a sleep
// for the predicted batch time followed by clWaitForEvents. Neither spins a core on our side.
enum class WaitMode { kCallback, kSleepThenBlock };

struct Options {
  uint32_t lookup_gap = 0;  // store every G-th V entry (1..N); 0 = pick from memory size
  uint32_t lanes = 0;       // labels per batch (rounded up to whole work-groups); 0 = auto
  Kernel kernel = Kernel::kAuto;
  uint32_t local_size = 0;                    // work-items per work-group; 0 = auto
  uint64_t max_buffer_bytes = 0;              // per scratchpad buffer; 0 = CL_DEVICE_MAX_MEM_ALLOC_SIZE
  double memory_fraction = 0.94;              // share of global memory that auto lanes may use
  uint32_t pipeline_depth = 2;                // batches queued on the device at once (>= 1)
  WaitMode wait = WaitMode::kSleepThenBlock;  // NVIDIA spins a core inside event callbacks
  std::string build_options;                  // extra OpenCL compiler flags, e.g. -cl-nv-maxrregcount=32
};

struct VrfCandidate {
  uint64_t index = 0;
  std::array<uint8_t, 32> label{};  // the full scrypt output
};

// What Create settled on.
struct Info {
  Provider provider;
  uint32_t scrypt_n = 0;
  Kernel kernel = Kernel::kAuto;
  uint32_t lookup_gap = 0;
  uint32_t lanes = 0;
  uint32_t local_size = 0;
  uint32_t scratch_buffers = 0;
  uint64_t scratch_bytes = 0;  // all scratchpad buffers together
  int registers = -1;          // per work-item of the ROMix kernel, where the driver reports it
  std::string build_log;       // of the ROMix program
};

// Receives labels in index order: `labels` holds labels.size() / 16 labels from first_index.
// The bytes are valid only during the call; a non-OK return aborts the computation.
using LabelSink = std::function<base::Status(uint64_t first_index, std::span<const uint8_t> labels)>;

class GpuInitializer {
 public:
  // provider_id as ListProviders numbers OpenCL devices (not kCpuProviderId); scrypt_n a power
  // of two >= 2. Builds the kernels and allocates the scratchpad.
  static base::Result<std::unique_ptr<GpuInitializer>> Create(uint32_t provider_id, uint32_t scrypt_n,
                                                              const Options& options = {});
  ~GpuInitializer();
  GpuInitializer(const GpuInitializer&) = delete;
  GpuInitializer& operator=(const GpuInitializer&) = delete;

  // Labels [first_index, first_index + count) into labels16_out (count * 16 bytes). With a
  // 32-byte big-endian vrf_difficulty, *best becomes the minimum full output strictly below it
  // (nullopt if none); best may be null only when vrf_difficulty is.
  base::Status Compute(const base::Hash32& commitment, uint64_t first_index, uint64_t count, uint8_t* labels16_out,
                       const uint8_t* vrf_difficulty32, std::optional<VrfCandidate>* best);

  // As Compute, but hands each batch to `sink` while the device computes the next ones.
  base::Status ComputeStream(const base::Hash32& commitment, uint64_t first_index, uint64_t count,
                             const uint8_t* vrf_difficulty32, std::optional<VrfCandidate>* best, const LabelSink& sink);

  // The full 32-byte outputs (count * 32 bytes), e.g. to verify labels or VRF nonces.
  base::Status ComputeFull(const base::Hash32& commitment, uint64_t first_index, uint64_t count, uint8_t* full32_out);

  const Info& info() const;

 private:
  struct Impl;
  explicit GpuInitializer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sm::opencl
