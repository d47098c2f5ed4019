// What the activation cycle needs from an identity's post-service, in plain types: its data's
// metadata and a proof for a challenge. The api layer implements it over PostService.Register
// streams (node/api/post_connections.h).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"

namespace node {

// What a post-service reports about its data (MetadataResponse.meta).
struct PostInfo {
  base::Hash32 node_id{};
  base::Hash32 commitment_atx{};
  std::optional<uint64_t> nonce;  // the VRF nonce
  uint32_t num_units = 0;
  uint64_t labels_per_unit = 0;
};

// A PoST proof as the post-service sends it: indices packed LSB first.
struct PostProof {
  uint32_t nonce = 0;
  std::vector<uint8_t> indices;
  uint64_t pow = 0;
};

struct ProofAnswer {
  PostProof proof;
  PostInfo info;  // the metadata sent with the proof
};

struct ProofOptions {
  std::chrono::milliseconds poll_interval{2000};  // between requests while the service proves (after a
                                                  // quicker first few: 100 ms, doubling)
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  const std::atomic<bool>* stop = nullptr;  // set: give up with kAborted
};

class PostProver {
 public:
  virtual ~PostProver() = default;
  virtual bool IsConnected(const base::Hash32& node_id) const = 0;
  // The connected service's metadata; kNotFound when none is connected.
  virtual base::Result<PostInfo> Info(const base::Hash32& node_id, std::chrono::milliseconds timeout) = 0;
  // Waits for the service (until the deadline), asks it to prove `challenge` and returns the
  // proof once it has one. Marks the identity PROVING meanwhile and emits PostStart/PostComplete.
  virtual base::Result<ProofAnswer> Proof(const base::Hash32& node_id, const base::Hash32& challenge,
                                          const ProofOptions& options) = 0;
};

}  // namespace node
