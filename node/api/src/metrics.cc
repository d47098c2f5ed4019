#include "node/api/metrics.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/host_port.h"
#include "base/http_server.h"

namespace node {

std::string MetricsText(const std::vector<SmesherStatus>& smeshers, const PostStreamCounts& streams,
                        const NodeMetrics& node) {
  std::string out;
  auto family = [&](const char* name, const char* type, const char* help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  auto labels = [](const SmesherStatus& s) {
    return fmt::format("identity=\"{}\",name=\"{}\"", base::ToHex(s.node_id), s.name);
  };
  family("spacemesh_node_info", "gauge", "Build information.");
  out += fmt::format("spacemesh_node_info{{version=\"{}\"}} 1\n", node.version);
  if (!node.certificates.empty()) {
    family("spacemesh_tls_certificate_not_after_seconds", "gauge", "Unix time at which a TLS certificate expires.");
    for (const CertificateExpiry& c : node.certificates) {
      out += fmt::format("spacemesh_tls_certificate_not_after_seconds{{file=\"{}\"}} {}\n", c.file,
                         std::chrono::system_clock::to_time_t(c.not_after));
    }
  }
  family("spacemesh_post_streams", "gauge", "Open PostService.Register streams (registered or not).");
  out += fmt::format("spacemesh_post_streams {}\n", streams.open);
  family("spacemesh_post_streams_refused_total", "counter",
         "PostService.Register streams closed by the node for what the service sent (or did not).");
  out += fmt::format("spacemesh_post_streams_refused_total{{reason=\"invalid_metadata\"}} {}\n", streams.invalid_metadata);
  out += fmt::format("spacemesh_post_streams_refused_total{{reason=\"unparsable\"}} {}\n", streams.unparsable);
  out += fmt::format("spacemesh_post_streams_refused_total{{reason=\"handshake_timeout\"}} {}\n",
                     streams.handshake_timeouts);
  family("spacemesh_post_proving", "gauge", "1 while the node wants a proof from this identity's post-service.");
  for (const auto& s : smeshers)
    out += fmt::format("spacemesh_post_proving{{{}}} {}\n", labels(s), s.state == PostState::kProving ? 1 : 0);
  family("spacemesh_post_connected", "gauge", "1 while a post-service is registered for this identity.");
  for (const auto& s : smeshers)
    out += fmt::format("spacemesh_post_connected{{{}}} {}\n", labels(s), s.connected ? 1 : 0);
  family("spacemesh_post_proofs_total", "counter", "Proofs received from the post-service since the node started.");
  for (const auto& s : smeshers) out += fmt::format("spacemesh_post_proofs_total{{{}}} {}\n", labels(s), s.proofs);
  family("spacemesh_post_last_proof_seconds", "gauge", "Duration of the last proof, from request to answer.");
  for (const auto& s : smeshers) {
    if (s.last_proof_duration) {
      out += fmt::format("spacemesh_post_last_proof_seconds{{{}}} {:.3f}\n", labels(s),
                         s.last_proof_duration->count() / 1000.0);
    }
  }
  family("spacemesh_atx_published_total", "counter", "ATXs this identity published since the node started.");
  for (const auto& s : smeshers) out += fmt::format("spacemesh_atx_published_total{{{}}} {}\n", labels(s), s.atxs);
  family("spacemesh_atx_last_publish_epoch", "gauge", "Publish epoch of this identity's newest ATX.");
  for (const auto& s : smeshers) {
    if (s.last_atx_epoch) out += fmt::format("spacemesh_atx_last_publish_epoch{{{}}} {}\n", labels(s), *s.last_atx_epoch);
  }
  family("spacemesh_activation_phase", "gauge", "1 for the phase of the activation cycle this identity is in.");
  for (const auto& s : smeshers) {
    out += fmt::format("spacemesh_activation_phase{{{},phase=\"{}\"}} 1\n", labels(s), s.phase);
  }
  family("spacemesh_post_proof_margin_seconds", "gauge",
         "Time left in the publish window when this identity's last PoST arrived.");
  for (const auto& s : smeshers) {
    if (s.proof_margin) {
      out += fmt::format("spacemesh_post_proof_margin_seconds{{{}}} {:.3f}\n", labels(s), s.proof_margin->count() / 1000.0);
    }
  }
  return out;
}

class MetricsServer::Impl {
 public:
  std::unique_ptr<base::HttpServer> server;
  std::string address;
};

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MetricsServer::~MetricsServer() = default;

std::string MetricsServer::address() const { return impl_->address; }

base::Result<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& address, const Smeshers* smeshers,
                                                                  const PostConnections* posts, NodeMetrics node) {
  auto server = base::HttpServer::Bind(address, "main.metrics-listener");
  if (!server.ok()) return server.status();
  if (!base::IsLoopbackHost((*server)->host())) {
    spdlog::warn("metrics listen on {}, which is not loopback: they name every identity of this node", address);
  }
  (*server)->Handle("GET", "/metrics", [smeshers, posts, node = std::move(node)](const base::HttpRequest&) {
    return base::HttpResponse{200, "text/plain; version=0.0.4",
                              MetricsText(smeshers->Snapshot(), posts->counts(), node)};
  });
  (*server)->Start();
  auto impl = std::make_unique<Impl>();
  impl->address = base::FormatHostPort((*server)->host(), (*server)->port());
  impl->server = std::move(*server);
  spdlog::info("metrics on http://{}/metrics", impl->address);
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl)));
}

}  // namespace node
