// Progress of one proof, fed by post-core's proving threads through ProvingObserver and read by
// the operator API. The callbacks only touch atomics: no locks on the proving hot path.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "post/metadata.h"
#include "post/prove.h"

namespace post_service {

// What a proof is doing right now.
enum class Phase : uint8_t { kIdle, kK2Pow, kReading, kVerifying, kDone };

// "idle", "k2pow", "reading", "verifying" or "done".
const char* PhaseName(Phase phase);

// A consistent-enough copy of the progress counters.
struct ProgressSnapshot {
  Phase phase = Phase::kIdle;
  uint32_t nonce_start = 0;  // the current pass's nonces [start, end)
  uint32_t nonce_end = 0;
  uint32_t passes = 0;      // passes started, including the current one
  uint64_t position = 0;    // the reference's /status position (post.md §5.4)
  uint64_t bytes_read = 0;  // scanned in the current pass
  double pass_seconds = 0;  // since the current pass began reading
};

class ProvingProgress final : public post::ProvingObserver {
 public:
  // `batch_bytes` must be the ProvingOptions::batch_bytes the proof runs with: finished chunks
  // are tracked per reader batch (batches never cross a file and start at multiples of it).
  ProvingProgress(const post::PostMetadata& meta, size_t batch_bytes);

  void K2PowStarted(uint32_t nonce_start, uint32_t nonce_end) override;
  void PassStarted(uint32_t nonce_start, uint32_t nonce_end) override;
  void ChunkScanned(uint64_t pos, uint64_t len) override;
  // The proof is found and is being checked.
  void VerifyingStarted();

  ProgressSnapshot Snapshot() const;

 private:
  size_t Ordinal(uint64_t pos) const;
  uint64_t ChunkEnd(size_t ordinal) const;  // one past the chunk's last byte
  uint64_t Position() const;

  const post::PostMetadata meta_;
  const uint64_t batch_bytes_;
  const uint64_t chunks_per_file_;
  const size_t words_;
  std::unique_ptr<std::atomic<uint64_t>[]> finished_;  // one bit per batch of the pass
  std::atomic<Phase> phase_{Phase::kK2Pow};
  std::atomic<uint64_t> nonces_{0};  // start << 32 | end
  std::atomic<uint32_t> passes_{0};
  std::atomic<uint64_t> bytes_read_{0};
  std::atomic<std::chrono::steady_clock::rep> pass_started_{0};
};

}  // namespace post_service
