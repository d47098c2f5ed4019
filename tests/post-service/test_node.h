// A stand-in for the node's side of PostService.Register (reference/node.md §1), for tests:
// on every stream it sends a MetadataRequest and reads the answer, then forwards the test's
// GenProofRequests one at a time (send, then exactly one read), like the node's command loop.
// A second stream for an identity already connected is refused as the node refuses it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <grpcpp/grpcpp.h>

#include "spacemesh/v1/post.grpc.pb.h"

namespace post_service::test {

// PEM contents for a node that requires client certificates signed by `ca_cert`.
struct ServerTls {
  std::string ca_cert;
  std::string cert;
  std::string key;
};

struct TestNodeOptions {
  int port = 0;                                 // 0: the kernel picks one; port() tells which
  std::chrono::milliseconds poll_interval{50};  // between GenProofRequests while proving
  std::optional<ServerTls> tls;
};

class TestNode {
 public:
  static std::unique_ptr<TestNode> Start(const TestNodeOptions& options);
  ~TestNode();  // cancels open streams at once, like a node that goes away

  int port() const { return port_; }
  // Registrations so far (streams that answered the metadata request).
  int registrations() const;
  // Waits for the registration number `n` (1-based) and returns its metadata.
  std::optional<spacemesh::v1::Metadata> WaitForRegistration(int n, std::chrono::milliseconds timeout);
  // One GenProofRequest and its answer; nullopt if no registered service answers in time.
  std::optional<spacemesh::v1::GenProofResponse> Ask(const std::string& challenge, std::chrono::milliseconds timeout);
  // The node's polling loop: asks every poll interval until the answer carries a proof or is not
  // OK; nullopt on timeout.
  std::optional<spacemesh::v1::GenProofResponse> Proof(const std::string& challenge, std::chrono::milliseconds timeout);

 private:
  class Service;
  struct Command;
  TestNode() = default;

  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::chrono::milliseconds poll_interval_{50};
  int port_ = 0;
};

}  // namespace post_service::test
