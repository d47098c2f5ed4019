// Many proving post-services as one process can play them: one PostService.Register stream per
// identity, each on a channel (TCP connection) of its own, driven by the gRPC callback API. A
// stream answers the node's metadata request with its identity's PoS data, and a proof request
// as the real post-service does: the first one starts a real proof (post::GenerateProof over that
// data) on a shared pool of prover threads and is answered "OK, still proving"; once the proof is
// made, it is the answer to the same challenge (again if asked again). An initial post made
// ahead is the answer at once.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "post/k2pow.h"
#include "post/metadata.h"
#include "post/prove.h"

namespace bench {

struct ProvingIdentity {
  std::filesystem::path dir;  // its initialized PoS data
  post::PostMetadata meta;
  std::optional<post::Proof> initial_post;  // the proof of the all-zero challenge, if made ahead
};

// Proves every identity's initial post (challenge = 32 zero bytes, known before the node asks)
// on `threads` threads, as post-services on machines of their own would answer at once.
base::Status MakeInitialPosts(std::vector<ProvingIdentity>& identities, const post::ProofParams& params,
                              const post::ProvingOptions& options, uint32_t threads, const post::RandomX& randomx);

struct ProverStats {
  uint64_t proofs = 0;    // made
  uint64_t failures = 0;  // GenerateProof errors, answered with GEN_PROOF_STATUS_ERROR
  double prove_seconds_total = 0, prove_seconds_max = 0;
};

class ProvingStreams {
 public:
  // Opens one stream to `address` (host:port) per identity. Proofs use `params` and `options`
  // (options.threads per proof) on `prover_threads` threads sharing `randomx`, which must outlive
  // this object.
  ProvingStreams(const std::string& address, const std::vector<ProvingIdentity>& identities,
                 const post::ProofParams& params, const post::ProvingOptions& options, uint32_t prover_threads,
                 const post::RandomX& randomx);
  // Cancel()s, waits for every stream to end, drops queued proofs and joins the provers.
  ~ProvingStreams();

  ProverStats stats() const;
  // Streams that ended before Cancel, by "<status code> <message>".
  std::map<std::string, int> Ended() const;
  void Cancel();

 private:
  class Stream;
  void Enqueue(std::function<void()> job);
  void ProverLoop();
  void Proved(double seconds, bool ok);
  void StreamDone(const grpc::Status& status);

  const post::ProofParams params_;
  const post::ProvingOptions options_;
  const post::RandomX& randomx_;

  mutable std::mutex mu_;
  std::condition_variable work_;            // a job queued, or stopping_
  std::condition_variable all_done_;        // a stream ended
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_: provers leave their loop
  bool cancelling_ = false;                 // guarded by mu_
  size_t done_ = 0;                         // streams ended; guarded by mu_
  std::map<std::string, int> ended_;        // guarded by mu_
  ProverStats stats_;                       // guarded by mu_

  std::vector<std::unique_ptr<Stream>> streams_;
  std::vector<std::thread> provers_;
};

}  // namespace bench
