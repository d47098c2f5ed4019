// The batch pipeline. A batch is PBKDF2 -> ROMix -> PBKDF2 (-> VRF minimum) on one in-order
// queue, read back into pinned host slots. Up to `depth` batches stay queued, so the device
// never waits for the host, which hands each finished batch to a sink while the next ones run.
#pragma once

#include <CL/cl.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "cl_handle.h"
#include "sm/opencl/initializer.h"

namespace sm::opencl {

// Device objects of one initializer (borrowed; static kernel arguments already set).
struct BatchDevice {
  cl_context context = nullptr;
  cl_command_queue queue = nullptr;
  cl_kernel pbkdf2_in = nullptr, romix = nullptr, pbkdf2_out = nullptr, vrf_min = nullptr;
  cl_mem labels = nullptr, full = nullptr, result = nullptr;
  uint32_t lanes = 0;
  size_t romix_global = 0, romix_local = 0, vrf_local = 0;
};

class BatchRunner {
 public:
  enum class Output { kLabels16, kFull32 };
  using Sink = std::function<base::Status(uint64_t first_index, std::span<const uint8_t> bytes)>;

  struct Job {
    base::Hash32 commitment{};
    uint64_t first_index = 0;
    uint64_t count = 0;
    const uint8_t* vrf_difficulty32 = nullptr;  // null: no VRF search
    Output output = Output::kLabels16;
  };

  static base::Result<std::unique_ptr<BatchRunner>> Create(const BatchDevice& device, uint32_t depth, WaitMode wait);
  ~BatchRunner();

  // Runs the job; `sink` gets each batch's bytes in index order. Always leaves the queue idle.
  base::Status Run(const Job& job, const Sink& sink, std::optional<VrfCandidate>* best);

 private:
  struct Slot {
    MemHandle pinned;
    uint8_t* host = nullptr;  // lanes * 32 bytes of output, then the VRF result
    EventHandle done;
    uint64_t first_index = 0;
    uint32_t count = 0;
    std::chrono::steady_clock::time_point enqueued;
  };

  BatchRunner(const BatchDevice& device, WaitMode wait) : device_(device), wait_(wait) {}
  base::Status Enqueue(const Job& job, Slot& slot);
  base::Status Wait(Slot& slot);
  void MergeVrf(const Slot& slot, std::optional<VrfCandidate>* best) const;

  BatchDevice device_;
  WaitMode wait_;
  std::vector<Slot> slots_;
  std::chrono::steady_clock::time_point last_done_{};
  std::chrono::nanoseconds batch_time_{0};  // moving average, for WaitMode::kSleepThenBlock
};

}  // namespace sm::opencl
