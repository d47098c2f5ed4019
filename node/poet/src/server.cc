#include "node/poet/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "base/bytes.h"
#include "base/host_port.h"
#include "http_api.h"
#include "server_state.h"
#include "worker.h"

namespace node::poet {

class Server::Impl {
 public:
  explicit Impl(std::unique_ptr<ServerState> s) : state(std::move(s)), worker(*state) {}
  ~Impl() {
    http.stop();
    if (http_thread.joinable()) http_thread.join();
    {
      std::lock_guard lock(state->mu);
      state->stop = true;
    }
    state->wake.notify_all();
    if (worker_thread.joinable()) worker_thread.join();
  }

  std::unique_ptr<ServerState> state;
  Worker worker;
  httplib::Server http;
  std::thread http_thread;
  std::thread worker_thread;
  std::string host;
  uint16_t port = 0;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

uint16_t Server::port() const { return impl_->port; }
std::string Server::url() const { return "http://" + base::FormatHostPort(impl_->host, impl_->port); }

base::Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  auto hp = base::ParseHostPort(options.listen);
  if (!hp.ok()) return hp.status().WithContext("poet listen address");
  auto state = OpenServerState(options);
  if (!state.ok()) return state.status();
  auto impl = std::make_unique<Impl>(std::move(*state));
  impl->http.new_task_queue = [] { return new httplib::ThreadPool(4); };
  InstallRoutes(impl->http, *impl->state);
  const int port = hp->port == 0 ? impl->http.bind_to_any_port(hp->host)
                                 : (impl->http.bind_to_port(hp->host, hp->port) ? hp->port : -1);
  if (port <= 0) return base::Status::IoError(fmt::format("poet: cannot listen on {}", options.listen));
  impl->host = hp->host;
  impl->port = static_cast<uint16_t>(port);
  if (!base::IsLoopbackHost(hp->host)) {
    spdlog::warn("poet: listening on {}, which is not loopback: anyone who can reach it may register", options.listen);
  }
  impl->http_thread = std::thread([http = &impl->http] { http->listen_after_bind(); });
  // stop() before the listener runs would be lost and leave the destructor waiting forever.
  for (int i = 0; i < 5000 && !impl->http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
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
