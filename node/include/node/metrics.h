// Prometheus /metrics for the node: per identity (id and key-file name as labels) its PoST
// state, whether its post-service is connected, its last proof duration and proof count.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "node/post_connections.h"
#include "node/smeshers.h"
#include "post/status.h"

namespace node {

// The exposition text (format 0.0.4) for `smeshers`.
std::string MetricsText(const std::vector<SmesherStatus>& smeshers, size_t open_streams, const std::string& version);

class MetricsServer {
 public:
  // Serves GET /metrics on `address` (host:port; port 0 picks one) on a thread of its own.
  static post::Result<std::unique_ptr<MetricsServer>> Start(const std::string& address, const Smeshers* smeshers,
                                                            const PostConnections* posts, std::string version);
  ~MetricsServer();  // stops serving

  std::string address() const;

 private:
  class Impl;
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace node
