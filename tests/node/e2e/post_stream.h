// The post-service's side of PostService.Register, driven by hand: read what the node asks,
// answer it, and see how the node ends the stream. Every call is bounded by kTimeout.
#pragma once

#include <memory>
#include <optional>

#include <grpcpp/grpcpp.h>

#include "post/identity.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace node::test {

// MetadataResponse.meta for `node_id` with small, fixed PoST figures.
spacemesh::v1::Metadata SampleMetadata(const base::Hash32& node_id);

class PostStream {
 public:
  explicit PostStream(std::shared_ptr<grpc::Channel> channel);
  ~PostStream();  // cancels the call if it is still open

  // The node's next request; nullopt once the node has ended the stream (Finish says how).
  std::optional<spacemesh::v1::NodeRequest> Read();
  bool Write(const spacemesh::v1::ServiceResponse& response);
  // Reads the node's first request, which must be a metadata request, and answers it.
  // False if the stream ended before or the first request was something else.
  bool Handshake(const spacemesh::v1::Metadata& meta);
  // The node's final status, after Read returned nullopt.
  grpc::Status Finish();
  // Closes our side, as a post-service that stops, and returns the node's final status.
  grpc::Status Close();

 private:
  grpc::ClientContext context_;
  std::unique_ptr<spacemesh::v1::PostService::Stub> stub_;
  std::unique_ptr<grpc::ClientReaderWriter<spacemesh::v1::ServiceResponse, spacemesh::v1::NodeRequest>> stream_;
  bool finished_ = false;
};

}  // namespace node::test
