// The activation cycle of every identity (reference/activation.md §1, §5; node.md §8): one state
// machine per identity, all running side by side. Each builds its initial post, then per epoch
// a NIPoST challenge, PoET registrations, the round's proof, a PoST of it from the identity's
// post-service, and a signed ATX V1. Every phase is stored before the next begins, so a restart
// continues where the cycle stopped, and an identity never signs two ATXs for one epoch.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/bytes.h"
#include "node/activation/cycle_clock.h"
#include "node/activation/events.h"
#include "node/activation/post_checker.h"
#include "node/activation/post_prover.h"
#include "node/activation/smeshers.h"
#include "node/poet/client.h"
#include "node/store/identities.h"
#include "node/store/state_store.h"
#include "node/wire/signing.h"

namespace node {

struct BuilderConfig {
  wire::Hash20 genesis_id{};
  base::Hash32 golden_atx{};
  std::string network_hrp;  // of the coinbase (Smeshers::coinbase) ATXs pay to
  uint64_t tick_size = 1;   // PoET leaves per tick
  uint32_t min_num_units = 1, max_num_units = UINT32_MAX;
  uint64_t labels_per_unit = 0;                         // the network's
  std::chrono::milliseconds layer_duration{1000};       // the wait after a failed cycle
  std::chrono::milliseconds poet_retry_interval{1000};  // the wait when no PoET answered
  std::chrono::milliseconds proof_poll_interval{2000};  // between polls of a proving service
  std::chrono::milliseconds poet_request_retry{1000};   // between polls of a PoET proof not ready yet
};

// What the cycles work with; none is owned, all must outlive the Builder.
struct BuilderParts {
  const CycleClock* clock = nullptr;
  StateStore* store = nullptr;
  PostProver* prover = nullptr;
  PostChecker* checker = nullptr;
  EventBus* events = nullptr;
  Smeshers* smeshers = nullptr;
  std::vector<poet::Client*> poets;  // in configuration order
};

// Interruptible waits shared by all cycles: Stop() wakes every sleeper at once.
class StopSignal {
 public:
  // False when stopped before `until`.
  bool SleepUntil(std::chrono::system_clock::time_point until);
  bool SleepFor(std::chrono::milliseconds d) { return SleepUntil(std::chrono::system_clock::now() + d); }
  void Stop();
  void Reset();
  bool stopped() const { return stopped_.load(); }
  const std::atomic<bool>& flag() const { return stopped_; }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::atomic<bool> stopped_{false};
};

class Builder {
 public:
  Builder(BuilderConfig config, BuilderParts parts, std::vector<NamedIdentity> identities);
  ~Builder();

  // Starts every identity's cycle; a no-op while running.
  void Start();
  // Ends every cycle and returns once their threads have; the stored state stays, so a later
  // Start resumes each identity in its phase.
  void Stop();
  bool running() const;

 private:
  const BuilderConfig config_;
  const BuilderParts parts_;
  const std::vector<NamedIdentity> identities_;
  StopSignal stop_;
  mutable std::mutex mu_;
  std::vector<std::thread> threads_;  // guarded by mu_; empty while stopped
};

}  // namespace node
