// The node's side of PostService.Register (node.md §1): one stream per identity, opened by its
// post-service. The node asks for metadata first, keys the stream by the node id, refuses
// unknown and already connected identities, then forwards one request at a time (send, then
// exactly one answer). Info and Proof are what the activation cycle calls.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <grpcpp/grpcpp.h>

#include "node/events.h"
#include "node/smeshers.h"
#include "post/status.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace node {

// What a post-service reports about its data (MetadataResponse.meta).
struct PostInfo {
  post::Hash32 node_id{};
  post::Hash32 commitment_atx{};
  std::optional<uint64_t> nonce;  // the VRF nonce
  uint32_t num_units = 0;
  uint64_t labels_per_unit = 0;
};

struct ProofAnswer {
  spacemesh::v1::Proof proof;
  PostInfo info;  // the metadata sent with the proof
};

struct ProofOptions {
  std::chrono::milliseconds poll_interval{2000};  // between GenProofRequests while proving
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  const std::atomic<bool>* stop = nullptr;        // set: give up with kAborted
};

class PostConnections final : public spacemesh::v1::PostService::CallbackService {
 public:
  PostConnections(Smeshers* smeshers, EventBus* events);
  ~PostConnections() override;

  grpc::ServerBidiReactor<spacemesh::v1::ServiceResponse, spacemesh::v1::NodeRequest>* Register(
      grpc::CallbackServerContext* context) override;

  size_t connected() const;     // registered streams
  size_t open_streams() const;  // incl. streams still in the handshake
  bool IsConnected(const post::Hash32& node_id) const;
  // Blocks until a service for `node_id` is registered; false on timeout.
  bool WaitForConnection(const post::Hash32& node_id, std::chrono::milliseconds timeout) const;

  // Asks the connected service for its metadata.
  post::Result<PostInfo> Info(const post::Hash32& node_id, std::chrono::milliseconds timeout);
  // The node's proof loop: waits for the service to connect, re-sends the same challenge every
  // poll interval until the answer carries a proof, checks the echoed challenge. A broken
  // stream restarts the request once the service is back (the state stays PROVING).
  post::Result<ProofAnswer> Proof(const post::Hash32& node_id, const post::Hash32& challenge,
                                  const ProofOptions& options);

  // Ends every stream (node shutdown); later registrations are refused.
  void Close();

 private:
  class Stream;
  friend class Stream;
  struct Pending;

  // One request over the identity's stream; kNotFound if none is connected, kAborted if the
  // stream closes before answering.
  post::Result<spacemesh::v1::ServiceResponse> Exchange(const post::Hash32& node_id,
                                                        spacemesh::v1::NodeRequest request,
                                                        std::chrono::milliseconds timeout);
  grpc::Status Admit(Stream* stream, const PostInfo& info);
  void Drop(Stream* stream);
  void StreamGone();

  Smeshers* smeshers_;
  EventBus* events_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::map<post::Hash32, Stream*> streams_;  // registered streams, guarded by mu_
  size_t open_streams_ = 0;                  // incl. not yet registered, guarded by mu_
  bool closed_ = false;                      // guarded by mu_
};

}  // namespace node
