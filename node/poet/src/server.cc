#include "node/poet/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "base/bytes.h"
#include "base/host_port.h"
#include "http_api.h"
#include "server_state.h"
#include "worker.h"

namespace node::poet {
namespace {

// Registrations arrive in a burst before each round (one per identity of every node using this
// PoET), so more workers than the other endpoints; bodies are a few hundred bytes of JSON.
base::HttpLimits PoetLimits() {
  base::HttpLimits limits;
  limits.workers = 4;
  limits.max_body_bytes = 16 * 1024;
  return limits;
}

}  // namespace

class Server::Impl {
 public:
  explicit Impl(std::unique_ptr<ServerState> s) : state(std::move(s)), worker(*state) {}
  ~Impl() {
    http.reset();
    {
      std::lock_guard lock(state->mu);
      state->stop = true;
    }
    state->wake.notify_all();
    if (worker_thread.joinable()) worker_thread.join();
  }

  std::unique_ptr<ServerState> state;
  Worker worker;
  std::unique_ptr<base::HttpServer> http;
  std::thread worker_thread;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

uint16_t Server::port() const { return impl_->http->port(); }
std::string Server::url() const { return "http://" + base::FormatHostPort(impl_->http->host(), port()); }

base::Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  auto http = base::HttpServer::Bind(options.listen, "poet listen address", PoetLimits());
  if (!http.ok()) return http.status();
  auto state = OpenServerState(options);
  if (!state.ok()) return state.status();
  auto impl = std::make_unique<Impl>(std::move(*state));
  impl->http = std::move(*http);
  InstallRoutes(*impl->http, *impl->state);
  if (!base::IsLoopbackHost(impl->http->host())) {
    spdlog::warn("poet: listening on {}, which is not loopback: anyone who can reach it may register", options.listen);
  }
  impl->http->Start();
  impl->worker_thread = std::thread([worker = &impl->worker] { worker->Run(); });
  auto server = std::unique_ptr<Server>(new Server(std::move(impl)));
  spdlog::info(
      "poet: serving {} (service key {}; phase shift {} ms, cycle gap {} ms, epoch {} ms, max leaves {}, "
      "PoW difficulty {})",
      server->url(), base::ToBase64(server->impl_->state->pubkey), options.phase_shift.count(),
      options.cycle_gap.count(), options.epoch_duration.count(), options.max_leaves, options.pow_difficulty);
  return server;
}

}  // namespace node::poet
