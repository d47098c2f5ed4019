// The node's side of PostService.Register (node.md §1): one stream per identity, opened by its
// post-service. The node asks for metadata first, keys the stream by the node id, refuses
// unknown and already connected identities and metadata that does not fit the network (each
// refusal is logged with the peer and counted), then forwards one request at a time (send, then
// exactly one answer). As the cycle's PostProver it translates Info and Proof to messages.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "base/status.h"
#include "node/activation/events.h"
#include "node/activation/post_prover.h"
#include "node/activation/smeshers.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace node {

// What a post-service's metadata must match (the network's PoST settings) and how long a new
// stream may take to send it.
struct PostStreamPolicy {
  uint32_t min_units = 1, max_units = UINT32_MAX;  // post-min-numunits, post-max-numunits
  uint64_t labels_per_unit = 0;                    // the network's; 0: any
  std::chrono::milliseconds handshake_timeout{30'000};
};

// Streams refused since start, by reason, for /metrics.
struct PostStreamCounts {
  size_t open = 0;  // incl. streams still in the handshake
  uint64_t invalid_metadata = 0, unparsable = 0, handshake_timeouts = 0;
};

// The Register stream is served raw (bytes in and out, parsed here) so that a message that does not
// parse is refused as such rather than taken for a close.
class PostConnections final
    : public spacemesh::v1::PostService::WithRawCallbackMethod_Register<spacemesh::v1::PostService::Service>,
      public PostProver {
 public:
  PostConnections(Smeshers* smeshers, EventBus* events, const PostStreamPolicy& policy = {});
  ~PostConnections() override;

  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* Register(
      grpc::CallbackServerContext* context) override;

  size_t connected() const;     // registered streams
  size_t open_streams() const;  // incl. streams still in the handshake
  PostStreamCounts counts() const;
  bool IsConnected(const base::Hash32& node_id) const override;
  // Blocks until a service for `node_id` is registered; false on timeout.
  bool WaitForConnection(const base::Hash32& node_id, std::chrono::milliseconds timeout) const;

  // Asks the connected service for its metadata.
  base::Result<PostInfo> Info(const base::Hash32& node_id, std::chrono::milliseconds timeout) override;
  // The node's proof loop: waits for the service to connect, re-sends the same challenge every
  // poll interval until the answer carries a proof, checks the echoed challenge. A broken
  // stream restarts the request once the service is back (the state stays PROVING).
  base::Result<ProofAnswer> Proof(const base::Hash32& node_id, const base::Hash32& challenge,
                                  const ProofOptions& options) override;

  // Ends every stream (node shutdown); later registrations are refused.
  void Close();

 private:
  class Stream;
  friend class Stream;
  struct Pending;

  // One request over the identity's stream; kNotFound if none is connected, kAborted if the
  // stream closes before answering.
  base::Result<spacemesh::v1::ServiceResponse> Exchange(const base::Hash32& node_id, spacemesh::v1::NodeRequest request,
                                                        std::chrono::milliseconds timeout);
  grpc::Status Admit(Stream* stream, const PostInfo& info);
  void Drop(Stream* stream);
  void StreamGone(Stream* stream);
  void Handshaking(Stream* stream);
  void HandshakeDone(Stream* stream);
  // Ends streams that have not sent their metadata within the handshake timeout.
  void SweepHandshakes();

  Smeshers* smeshers_;
  EventBus* events_;
  const PostStreamPolicy policy_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::map<base::Hash32, Stream*> streams_;  // registered streams, guarded by mu_
  size_t open_streams_ = 0;                  // incl. not yet registered, guarded by mu_
  std::map<Stream*, std::chrono::steady_clock::time_point> handshaking_;  // their deadlines, guarded by mu_
  std::atomic<uint64_t> invalid_metadata_{0}, unparsable_{0}, handshake_timeouts_{0};
  bool closed_ = false;                      // guarded by mu_
  std::thread sweeper_;
};

}  // namespace node
