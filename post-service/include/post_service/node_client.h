// The gRPC client of PostService.Register: the service dials the node, answers its requests on
// one bidirectional stream and reconnects every --reconnect-interval-s when the node goes away.
// A proof keeps running across reconnects (it lives in ProvingService, not in the stream).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/status.h"
#include "post/metadata.h"
#include "post_service/config.h"
#include "post_service/node_address.h"
#include "post_service/proving_service.h"

namespace grpc {
class Channel;
class ClientContext;
}  // namespace grpc

namespace post_service {

// PEM contents for mutual TLS with the node.
struct TlsFiles {
  std::string ca_cert;
  std::string cert;
  std::string key;
  std::optional<std::string> domain;  // expected name in the node's certificate
};

// Reads the --ca-cert/--cert/--key files; nullopt when TLS is not configured.
base::Result<std::optional<TlsFiles>> LoadTlsFiles(const ServiceConfig& config);

struct NodeClientConfig {
  NodeAddress address;
  std::optional<TlsFiles> tls;
  std::chrono::seconds reconnect_interval{5};
  std::optional<uint32_t> max_retries;  // failed attempts in a row before giving up
};

// The connection side of the operator's status.
struct ConnectionStatus {
  bool connected = false;                      // a stream is open and the node has spoken
  uint64_t sessions = 0;                       // streams on which the node sent a request
  uint64_t failed_attempts = 0;                // attempts in a row without a request
  std::optional<int64_t> last_request_unix_s;  // when the node last asked something
};

class NodeClient {
 public:
  NodeClient(NodeClientConfig config, post::PostMetadata meta, ProvingService& prover);
  ~NodeClient();

  // Serves the node until Shutdown() (OK) or until more than max_retries attempts in a row
  // ended without the node sending a request (an error naming the last failure).
  base::Status Run();

  // Thread-safe: cancels the open stream and makes Run() return promptly.
  void Shutdown();

  ConnectionStatus Connection() const;

 private:
  // One stream from dial to end; true when the node sent at least one request. *why gets
  // the reason the stream ended.
  bool Session(std::string* why);
  std::shared_ptr<grpc::Channel> MakeChannel() const;

  const NodeClientConfig config_;
  const post::PostMetadata meta_;
  ProvingService& prover_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool shutdown_ = false;                  // guarded by mu_
  grpc::ClientContext* active_ = nullptr;  // guarded by mu_: the open stream's context

  std::atomic<bool> connected_{false};
  std::atomic<uint64_t> sessions_{0};
  std::atomic<uint64_t> failed_attempts_{0};
  std::atomic<int64_t> last_request_unix_s_{-1};
};

}  // namespace post_service
