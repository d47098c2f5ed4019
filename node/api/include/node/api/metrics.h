// Prometheus /metrics for the node: per identity (id and key-file name as labels) its PoST
// state, whether its post-service is connected, its last proof duration and proof count; and
// when the TLS certificates expire.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "node/activation/smeshers.h"
#include "node/api/certificate.h"
#include "node/api/post_connections.h"

namespace node {

// What /metrics shows besides the identities.
struct NodeMetrics {
  std::string version;
  std::vector<CertificateExpiry> certificates;  // the TLS listener's CA and certificate
};

// The exposition text (format 0.0.4).
std::string MetricsText(const std::vector<SmesherStatus>& smeshers, const PostStreamCounts& streams,
                        const NodeMetrics& node);

class MetricsServer {
 public:
  // Serves GET /metrics on `address` (host:port; port 0 picks one) on a thread of its own.
  static base::Result<std::unique_ptr<MetricsServer>> Start(const std::string& address, const Smeshers* smeshers,
                                                            const PostConnections* posts, NodeMetrics node);
  ~MetricsServer();  // stops serving

  std::string address() const;

 private:
  class Impl;
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace node
