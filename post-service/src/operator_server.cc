#include "post_service/operator_server.h"

#include <spdlog/spdlog.h>

#include "base/host_port.h"
#include "base/http_server.h"

namespace post_service {

class OperatorServer::Impl {
 public:
  std::unique_ptr<base::HttpServer> server;
};

OperatorServer::OperatorServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OperatorServer::~OperatorServer() = default;

uint16_t OperatorServer::port() const { return impl_->server->port(); }

base::Result<std::unique_ptr<OperatorServer>> OperatorServer::Start(const std::string& address, StatusSource source) {
  auto server = base::HttpServer::Bind(address, "--operator-address");
  if (!server.ok()) return server.status();
  if (!base::IsLoopbackHost((*server)->host())) {
    spdlog::warn(
        "the operator API has no authentication and listens on {}, which is not loopback; "
        "anyone who reaches it sees this service's state",
        address);
  }
  (*server)->Handle("GET", "/status", [source](const base::HttpRequest&) {
    return base::HttpResponse{200, "application/json", ReferenceStatusJson(source().proving)};
  });
  (*server)->Handle("GET", "/status/detail", [source](const base::HttpRequest&) {
    return base::HttpResponse{200, "application/json", DetailJson(source())};
  });
  (*server)->Handle("GET", "/metrics", [source](const base::HttpRequest&) {
    return base::HttpResponse{200, "text/plain; version=0.0.4", PrometheusText(source())};
  });
  (*server)->Start();
  spdlog::info("operator API listening on {} (GET /status, /status/detail, /metrics)",
               base::FormatHostPort((*server)->host(), (*server)->port()));
  auto impl = std::make_unique<Impl>();
  impl->server = std::move(*server);
  return std::unique_ptr<OperatorServer>(new OperatorServer(std::move(impl)));
}

}  // namespace post_service
