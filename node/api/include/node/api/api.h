// The node's gRPC listeners (node.md §5): public (NodeService, ActivationService), private
// (SmesherService, AdminService), post (PostService, PostInfoService) and the optional mTLS
// listener (PostService, PostInfoService; client certificates required). Every listener has
// server reflection, the reference keepalive policy and message size limits. Listeners that
// share an address share one server.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "node/activation/builder.h"
#include "node/activation/events.h"
#include "node/activation/smeshers.h"
#include "node/api/post_connections.h"
#include "node/config/config.h"
#include "node/store/state_store.h"
#include "node/types/clock.h"

namespace node {

// What the services read and change; owned by the app, outlives the servers.
struct ApiContext {
  const Config* config = nullptr;
  const LayerClock* clock = nullptr;
  StateStore* store = nullptr;
  Smeshers* smeshers = nullptr;
  EventBus* events = nullptr;
  PostConnections* posts = nullptr;
  Builder* builder = nullptr;  // the activation cycles, started and stopped by SmesherService
  base::Hash32 golden_atx{};
  std::string version;  // "v0.1.0"
};

class ApiServers {
 public:
  // Binds every configured listener; an address that cannot be bound is kIoError naming the
  // listener ("api.grpc-post-listener 127.0.0.1:10094: address in use?").
  static base::Result<std::unique_ptr<ApiServers>> Start(const ApiContext& context);
  ~ApiServers();  // Shutdown()

  // listener name ("public", "private", "post", "tls") -> bound host:port.
  const std::map<std::string, std::string>& addresses() const { return addresses_; }
  // Stops accepting, cancels open streams and waits for handlers to finish.
  void Shutdown();

 private:
  class Services;
  ApiServers() = default;
  std::unique_ptr<Services> services_;
  std::vector<std::unique_ptr<grpc::Server>> servers_;
  std::map<std::string, std::string> addresses_;
};

}  // namespace node
