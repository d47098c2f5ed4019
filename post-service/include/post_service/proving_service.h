// The proving state machine behind PostService.Register's GenProofRequest (post.md §7.3):
// idle -> proving (a worker thread runs post-core's GenerateProof, then verifies the proof
// itself) -> done -> the proof is handed out once -> idle.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>

#include "post/k2pow.h"
#include "post/metadata.h"
#include "post/prove.h"
#include "post/verify.h"
#include "post_service/progress.h"

namespace post_service {

// What the service proves with: the network's parameters and this machine's settings.
struct ProvingConfig {
  std::filesystem::path dir;
  post::ProofParams params;
  uint32_t scrypt_n = 8192;
  post::ProvingOptions options;
  post::RandomXMode randomx_mode = post::RandomXMode::kFast;
};

// The answer to one GenProofRequest.
struct GenProofReply {
  enum class Kind { kInProgress, kProof, kError } kind = Kind::kInProgress;
  post::Proof proof;         // kProof
  post::ProofMetadata meta;  // kProof: the challenge and the data's identity
  std::string error;         // kError: why, for the log
};

// The reference's /status states.
enum class ServiceState { kIdle, kProving, kDoneProving };

// The proving side of the operator's status.
struct ProvingStatus {
  ServiceState state = ServiceState::kIdle;
  ProgressSnapshot progress;                 // of the running or finished proof
  std::optional<double> last_proof_seconds;  // duration of the last finished proof
  std::string last_error;                    // of the last failed proof or request
  uint64_t proofs_ok = 0;                    // proofs handed to the node
  uint64_t proofs_failed = 0;                // proofs that failed or did not verify
};

class ProvingService {
 public:
  ProvingService(ProvingConfig config, post::PostMetadata meta);
  ~ProvingService();  // stops and joins a running proof, however long it takes
  ProvingService(const ProvingService&) = delete;
  ProvingService& operator=(const ProvingService&) = delete;

  // Handles one GenProofRequest. Idle: starts proving, in progress. Proving the same
  // challenge: in progress; another one: error. Done: the verified proof (or the error), and
  // back to idle. A request for the proof last handed out gets it again (the answer may have
  // been lost with a connection). The challenge must be 32 bytes.
  GenProofReply GenProof(std::span<const uint8_t> challenge);

  ProvingStatus Status() const;

  // Aborts a running proof and waits up to `grace` for its thread; later requests get errors.
  // False if the thread is still busy (building the RandomX dataset cannot be interrupted).
  bool Stop(std::chrono::milliseconds grace);

 private:
  void Work(base::Hash32 challenge, std::shared_ptr<ProvingProgress> progress);
  base::Result<post::Proof> ProveAndVerify(const base::Hash32& challenge, ProvingProgress& progress);
  post::ProofMetadata MetadataFor(const base::Hash32& challenge) const;
  GenProofReply Fail(std::string error);  // requires mu_

  const ProvingConfig config_;
  const post::PostMetadata meta_;
  std::atomic<bool> stop_{false};

  mutable std::mutex mu_;
  std::condition_variable worker_done_;                            // notified when a proof ends
  ServiceState state_ = ServiceState::kIdle;                       // guarded by mu_
  base::Hash32 challenge_{};                                       // guarded by mu_: of the current proof
  std::shared_ptr<ProvingProgress> progress_;                      // guarded by mu_: of the current proof
  std::optional<base::Result<post::Proof>> result_;                // guarded by mu_: set when done
  std::optional<std::pair<base::Hash32, post::Proof>> delivered_;  // guarded by mu_
  std::optional<double> last_proof_seconds_;                       // guarded by mu_
  std::string last_error_;                                         // guarded by mu_
  uint64_t proofs_ok_ = 0;                                         // guarded by mu_
  uint64_t proofs_failed_ = 0;                                     // guarded by mu_
  std::thread worker_;
};

}  // namespace post_service
