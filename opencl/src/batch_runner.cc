#include "batch_runner.h"

#include <algorithm>
#include <cstring>
#include <deque>

#include "cl_error.h"
#include "event_wait.h"

namespace sm::opencl {
namespace {

constexpr size_t kResultBytes = 9 * sizeof(cl_uint);  // VRF: index, then 8 big-endian words

base::Status Check(cl_int err, const char* call) {
  return err == CL_SUCCESS ? base::Status::Ok() : base::Status::DeviceError(ClCallError(call, err));
}

cl_ulong4 CommitmentLanes(const base::Hash32& commitment) {
  cl_ulong4 lanes;
  for (int i = 0; i < 4; ++i) {
    cl_ulong lane = 0;
    for (int b = 7; b >= 0; --b) lane = lane << 8 | commitment[i * 8 + b];
    lanes.s[i] = lane;
  }
  return lanes;
}

cl_uint8 DifficultyWords(const uint8_t* difficulty) {
  cl_uint8 words;
  for (int w = 0; w < 8; ++w) {
    const uint8_t* p = difficulty + 4 * w;
    words.s[w] = cl_uint{p[0]} << 24 | cl_uint{p[1]} << 16 | cl_uint{p[2]} << 8 | p[3];
  }
  return words;
}

}  // namespace

base::Result<std::unique_ptr<BatchRunner>> BatchRunner::Create(const BatchDevice& device, uint32_t depth,
                                                               WaitMode wait) {
  std::unique_ptr<BatchRunner> runner(new BatchRunner(device, wait));
  const size_t bytes = size_t{device.lanes} * 32 + kResultBytes;
  for (uint32_t i = 0; i < std::max(depth, 1u); ++i) {
    Slot slot;
    cl_int err = CL_SUCCESS;
    slot.pinned.reset(clCreateBuffer(device.context, CL_MEM_ALLOC_HOST_PTR, bytes, nullptr, &err));
    if (err != CL_SUCCESS) return base::Status::DeviceError(ClCallError("clCreateBuffer(host slot)", err));
    void* host = clEnqueueMapBuffer(device.queue, slot.pinned.get(), CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, bytes, 0,
                                    nullptr, nullptr, &err);
    if (err != CL_SUCCESS) return base::Status::DeviceError(ClCallError("clEnqueueMapBuffer(host slot)", err));
    slot.host = static_cast<uint8_t*>(host);
    runner->slots_.push_back(std::move(slot));
  }
  return runner;
}

BatchRunner::~BatchRunner() {
  for (Slot& slot : slots_) {
    if (slot.host) clEnqueueUnmapMemObject(device_.queue, slot.pinned.get(), slot.host, 0, nullptr, nullptr);
  }
  clFinish(device_.queue);
}

base::Status BatchRunner::Enqueue(const Job& job, Slot& slot) {
  const cl_command_queue q = device_.queue;
  const cl_ulong4 commitment = CommitmentLanes(job.commitment);
  const cl_ulong first = slot.first_index;
  const size_t lanes = device_.lanes;
  base::Status s =
      Check(clSetKernelArg(device_.pbkdf2_in, 0, sizeof(commitment), &commitment), "clSetKernelArg(pbkdf2_in)");
  if (s.ok()) s = Check(clSetKernelArg(device_.pbkdf2_in, 1, sizeof(first), &first), "clSetKernelArg(pbkdf2_in)");
  if (s.ok())
    s = Check(clSetKernelArg(device_.pbkdf2_out, 0, sizeof(commitment), &commitment), "clSetKernelArg(pbkdf2_out)");
  if (s.ok()) s = Check(clSetKernelArg(device_.pbkdf2_out, 1, sizeof(first), &first), "clSetKernelArg(pbkdf2_out)");
  if (s.ok()) {
    s = Check(clEnqueueNDRangeKernel(q, device_.pbkdf2_in, 1, nullptr, &lanes, nullptr, 0, nullptr, nullptr),
              "clEnqueueNDRangeKernel(pbkdf2_in)");
  }
  if (s.ok()) {
    s = Check(clEnqueueNDRangeKernel(q, device_.romix, 1, nullptr, &device_.romix_global, &device_.romix_local, 0,
                                     nullptr, nullptr),
              "clEnqueueNDRangeKernel(romix)");
  }
  if (s.ok()) {
    s = Check(clEnqueueNDRangeKernel(q, device_.pbkdf2_out, 1, nullptr, &lanes, nullptr, 0, nullptr, nullptr),
              "clEnqueueNDRangeKernel(pbkdf2_out)");
  }
  const bool vrf = job.vrf_difficulty32 != nullptr;
  if (s.ok() && vrf) {
    const cl_uint count = slot.count;
    const cl_uint8 difficulty = DifficultyWords(job.vrf_difficulty32);
    s = Check(clSetKernelArg(device_.vrf_min, 1, sizeof(count), &count), "clSetKernelArg(vrf_min)");
    if (s.ok())
      s = Check(clSetKernelArg(device_.vrf_min, 2, sizeof(difficulty), &difficulty), "clSetKernelArg(vrf_min)");
    if (s.ok()) {
      s = Check(clEnqueueNDRangeKernel(q, device_.vrf_min, 1, nullptr, &device_.vrf_local, &device_.vrf_local, 0,
                                       nullptr, nullptr),
                "clEnqueueNDRangeKernel(vrf_min)");
    }
  }
  cl_event done = nullptr;
  if (s.ok()) {
    const bool full = job.output == Output::kFull32;
    s = Check(clEnqueueReadBuffer(q, full ? device_.full : device_.labels, CL_FALSE, 0,
                                  size_t{slot.count} * (full ? 32 : 16), slot.host, 0, nullptr, vrf ? nullptr : &done),
              "clEnqueueReadBuffer(labels)");
  }
  if (s.ok() && vrf) {
    s = Check(
        clEnqueueReadBuffer(q, device_.result, CL_FALSE, 0, kResultBytes, slot.host + lanes * 32, 0, nullptr, &done),
        "clEnqueueReadBuffer(vrf result)");
  }
  slot.done.reset(done);
  slot.enqueued = std::chrono::steady_clock::now();
  if (s.ok()) s = Check(clFlush(q), "clFlush");
  return s;
}

base::Status BatchRunner::Wait(Slot& slot) {
  using namespace std::chrono;
  // The batch starts when it was queued or when the one before it finished, whichever is later.
  const steady_clock::time_point start = std::max(slot.enqueued, last_done_);
  std::chrono::nanoseconds sleep{0};
  if (wait_ == WaitMode::kSleepThenBlock && batch_time_.count() > 0) {
    // The next batch is already queued, so sleeping close to the whole predicted time leaves
    // the device busy; only the short blocking tail (where NVIDIA's runtime spins) costs CPU.
    sleep = duration_cast<nanoseconds>(start + batch_time_ * 97 / 100 - steady_clock::now());
  }
  const base::Status s = WaitForEvent(slot.done.get(), wait_, sleep);
  last_done_ = steady_clock::now();
  const nanoseconds took = duration_cast<nanoseconds>(last_done_ - start);
  batch_time_ = batch_time_.count() == 0 ? took : (batch_time_ * 3 + took) / 4;
  return s;
}

void BatchRunner::MergeVrf(const Slot& slot, std::optional<VrfCandidate>* best) const {
  cl_uint words[9];
  std::memcpy(words, slot.host + size_t{device_.lanes} * 32, sizeof(words));
  if (words[0] == 0xffffffffu) return;
  VrfCandidate candidate;
  candidate.index = slot.first_index + words[0];
  for (int w = 0; w < 8; ++w) {
    for (int b = 0; b < 4; ++b) candidate.label[4 * w + b] = static_cast<uint8_t>(words[1 + w] >> (24 - 8 * b));
  }
  if (!best->has_value() || candidate.label < (*best)->label) *best = candidate;
}

base::Status BatchRunner::Run(const Job& job, const Sink& sink, std::optional<VrfCandidate>* best) {
  if (best != nullptr) best->reset();
  const uint64_t lanes = device_.lanes;
  const uint64_t batches = (job.count + lanes - 1) / lanes;
  const size_t bytes_per_label = job.output == Output::kFull32 ? 32 : 16;
  std::deque<Slot*> in_flight;
  uint64_t next = 0;
  base::Status status;
  while (status.ok() && (next < batches || !in_flight.empty())) {
    while (next < batches && in_flight.size() < slots_.size()) {
      Slot& slot = slots_[next % slots_.size()];
      slot.first_index = job.first_index + next * lanes;
      slot.count = static_cast<uint32_t>(std::min<uint64_t>(lanes, job.count - next * lanes));
      status = Enqueue(job, slot);
      if (!status.ok()) break;
      in_flight.push_back(&slot);
      ++next;
    }
    if (!status.ok()) break;
    Slot& slot = *in_flight.front();
    status = Wait(slot);
    if (!status.ok()) break;
    if (job.vrf_difficulty32 != nullptr) MergeVrf(slot, best);
    status = sink(slot.first_index, std::span<const uint8_t>(slot.host, slot.count * bytes_per_label));
    in_flight.pop_front();
  }
  if (!status.ok()) {
    // Let queued batches finish before their slots are reused, then anything half-enqueued.
    for (Slot* slot : in_flight) (void)WaitForEvent(slot->done.get(), WaitMode::kCallback, {});  // first error wins
    clFinish(device_.queue);
  }
  return status;
}

}  // namespace sm::opencl
