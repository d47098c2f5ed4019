// The node's side of PostService.Register (node.md §1): one stream per identity, opened by its
// post-service. The node asks for metadata first, keys the stream by the node id, refuses
// unknown and already connected identities, then forwards one request at a time (send, then
// exactly one answer). As the cycle's PostProver it translates Info and Proof to messages.
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

#include "base/status.h"
#include "node/activation/events.h"
#include "node/activation/post_prover.h"
#include "node/activation/smeshers.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace node {

class PostConnections final : public spacemesh::v1::PostService::CallbackService, public PostProver {
 public:
  PostConnections(Smeshers* smeshers, EventBus* events);
  ~PostConnections() override;

  grpc::ServerBidiReactor<spacemesh::v1::ServiceResponse, spacemesh::v1::NodeRequest>* Register(
      grpc::CallbackServerContext* context) override;

  size_t connected() const;     // registered streams
  size_t open_streams() const;  // incl. streams still in the handshake
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
  void StreamGone();

  Smeshers* smeshers_;
  EventBus* events_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::map<base::Hash32, Stream*> streams_;  // registered streams, guarded by mu_
  size_t open_streams_ = 0;                  // incl. not yet registered, guarded by mu_
  bool closed_ = false;                      // guarded by mu_
};

}  // namespace node
