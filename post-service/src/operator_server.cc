// The only file that includes httplib.h.
#include "post_service/operator_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "base/host_port.h"

namespace post_service {

class OperatorServer::Impl {
 public:
  httplib::Server server;
  std::thread thread;
  uint16_t port = 0;
};

OperatorServer::OperatorServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OperatorServer::~OperatorServer() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

uint16_t OperatorServer::port() const { return impl_->port; }

base::Result<std::unique_ptr<OperatorServer>> OperatorServer::Start(const std::string& address, StatusSource source) {
  auto hp = base::ParseHostPort(address);
  if (!hp.ok()) return hp.status().WithContext("--operator-address");
  if (!base::IsLoopbackHost(hp->host)) {
    spdlog::warn(
        "the operator API has no authentication and listens on {}, which is not loopback; "
        "anyone who reaches it sees this service's state",
        address);
  }

  auto impl = std::make_unique<Impl>();
  auto& server = impl->server;
  server.new_task_queue = [] { return new httplib::ThreadPool(2); };
  server.Get("/status", [source](const httplib::Request&, httplib::Response& res) {
    res.set_content(ReferenceStatusJson(source().proving), "application/json");
  });
  server.Get("/status/detail", [source](const httplib::Request&, httplib::Response& res) {
    res.set_content(DetailJson(source()), "application/json");
  });
  server.Get("/metrics", [source](const httplib::Request&, httplib::Response& res) {
    res.set_content(PrometheusText(source()), "text/plain; version=0.0.4");
  });

  int port = hp->port;
  if (port == 0) {
    port = server.bind_to_any_port(hp->host);
  } else if (!server.bind_to_port(hp->host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return base::Status::IoError("cannot listen on --operator-address " + address +
                                 " (address in use or not assignable)");
  }
  impl->port = uint16_t(port);
  impl->thread = std::thread([&server] { server.listen_after_bind(); });
  spdlog::info("operator API listening on {} (GET /status, /status/detail, /metrics)",
               base::FormatHostPort(hp->host, impl->port));
  return std::unique_ptr<OperatorServer>(new OperatorServer(std::move(impl)));
}

}  // namespace post_service
