// bench_http_load: how fast our HTTP endpoints answer a plain GET while other clients load them:
// two connections that trickle a header byte every 2 s, 300 idle connections, 1,000 concurrent
// requests; and what a 400 MiB request body costs. Targets, side by side in one run: the
// post-service's GET /status and the node's GET /metrics (real processes), and the same /status
// bytes served by cpp-httplib as these endpoints were served before (ThreadPool(2), listen
// backlog 5), in this process. A probe is a new connection, one GET, the whole answer; it gives up
// after --probe-timeout-s and counts as that long. Prints one JSON line.
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

#include "node_bench.h"
#include "post/initialize.h"
#include "post/labels.h"
#include "support/child_process.h"
#include "support/poll.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

double Round(double v) { return std::round(v * 10) / 10; }
double MsSince(SteadyClock::time_point t) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t).count();
}

int Connect(uint16_t port, bool nonblocking = false) {
  const int fd = socket(AF_INET, SOCK_STREAM | (nonblocking ? SOCK_NONBLOCK : 0), 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string Get(const std::string& path) { return "GET " + path + " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"; }

struct Target {
  std::string name;
  uint16_t port = 0;
  std::string path;
  int pid = 0;  // whose memory a large body costs
};

// One GET on a new connection until the server closes it; the milliseconds it took, or the
// timeout if there was no whole 200 answer by then.
double Probe(const Target& t, double timeout_ms) {
  const auto start = SteadyClock::now();
  const int fd = Connect(t.port, /*nonblocking=*/true);
  if (fd < 0) return timeout_ms;
  const std::string request = Get(t.path);
  std::string answer;
  bool sent = false;
  for (;;) {
    const double left = timeout_ms - MsSince(start);
    if (left <= 0) break;
    pollfd p{fd, static_cast<short>(sent ? POLLIN : POLLOUT), 0};
    if (poll(&p, 1, static_cast<int>(std::ceil(left))) <= 0) break;
    if (!sent) {
      sent = send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size());
      if (!sent) break;
      continue;
    }
    char buffer[16384];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EAGAIN) continue;
    if (n <= 0) {
      close(fd);
      return answer.starts_with("HTTP/1.1 200") ? MsSince(start) : timeout_ms;
    }
    answer.append(buffer, size_t(n));
  }
  close(fd);
  return timeout_ms;
}

json Summary(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {{"median_ms", Round(ms[ms.size() / 2])}, {"max_ms", Round(ms.back())}, {"probes", ms.size()}};
}

json Probes(const Target& t, int n, double timeout_ms) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) ms.push_back(Probe(t, timeout_ms));
  return Summary(ms);
}

// Connections that send a request head one byte every two seconds, for as long as they live.
class Trickle {
 public:
  Trickle(uint16_t port, int connections) {
    for (int i = 0; i < connections; ++i) fds_.push_back(Connect(port));
    thread_ = std::thread([this] {
      const std::string head = "GET /status HTTP/1.1\r\nX-Slow: ";
      for (size_t at = 0; !stop_; ++at) {
        for (int fd : fds_) send(fd, at < head.size() ? &head[at] : "a", 1, MSG_NOSIGNAL);
        for (int i = 0; i < 20 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  ~Trickle() {
    stop_ = true;
    thread_.join();
    for (int fd : fds_) close(fd);
  }

 private:
  std::vector<int> fds_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// `n` GETs on `n` connections opened at once; how many got a 200 and when.
json Burst(const Target& t, int n, double timeout_ms) {
  struct Request {
    int fd = -1;
    bool sent = false, done = false;
    std::string answer;
    double ms = 0;
  };
  const std::string request = Get(t.path);
  std::vector<Request> requests(static_cast<size_t>(n));
  const auto start = SteadyClock::now();
  for (auto& r : requests) r.fd = Connect(t.port, /*nonblocking=*/true);
  int left = n, ok = 0;
  std::vector<pollfd> polls;
  std::vector<Request*> owners;
  while (left > 0 && MsSince(start) < timeout_ms) {
    polls.clear();
    owners.clear();
    for (auto& r : requests) {
      if (r.done) continue;
      if (r.fd < 0) {
        r.done = true;
        r.ms = timeout_ms;
        --left;
        continue;
      }
      polls.push_back({r.fd, static_cast<short>(r.sent ? POLLIN : POLLOUT), 0});
      owners.push_back(&r);
    }
    if (polls.empty() || poll(polls.data(), polls.size(), 100) <= 0) continue;
    for (size_t i = 0; i < polls.size(); ++i) {
      Request& r = *owners[i];
      if (polls[i].revents == 0) continue;
      if (!r.sent) {
        r.sent = send(r.fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size());
        if (r.sent) continue;
      } else {
        char buffer[16384];
        const ssize_t got = recv(r.fd, buffer, sizeof buffer, 0);
        if (got < 0 && errno == EAGAIN) continue;
        if (got > 0) {
          r.answer.append(buffer, size_t(got));
          continue;
        }
      }
      r.done = true;
      r.ms = MsSince(start);
      if (r.answer.starts_with("HTTP/1.1 200")) ++ok;
      close(r.fd);
      --left;
    }
  }
  std::vector<double> ms;
  for (auto& r : requests) {
    if (!r.done) {
      close(r.fd);
      r.ms = timeout_ms;
    }
    ms.push_back(r.ms);
  }
  std::sort(ms.begin(), ms.end());
  return {{"requests", n},
          {"answered_200", ok},
          {"all_done_ms", Round(ms.back())},
          {"median_ms", Round(ms[ms.size() / 2])}};
}

// A POST announcing 400 MiB, sent as fast as the server takes it until it answers: what came
// back, how much was sent by then, and the memory of the target meanwhile.
json LargeBody(const Target& t, double timeout_ms) {
  constexpr uint64_t kBody = 400ull << 20;
  const double rss_before = bench::MemoryMib(t.pid, "VmRSS");
  const int fd = Connect(t.port);
  const std::string head =
      "POST " + t.path + " HTTP/1.1\r\nHost: bench\r\nContent-Length: " + std::to_string(kBody) + "\r\n\r\n";
  send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  const std::string chunk(1 << 20, 'x');
  uint64_t sent = 0;
  double rss_max = rss_before;
  std::string answer;
  const auto start = SteadyClock::now();
  while (MsSince(start) < timeout_ms) {
    pollfd p{fd, static_cast<short>(POLLIN | (sent < kBody ? POLLOUT : 0)), 0};
    poll(&p, 1, 100);
    rss_max = std::max(rss_max, bench::MemoryMib(t.pid, "VmRSS"));
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[4096];
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n > 0) answer.append(buffer, size_t(n));
      if (n > 0 && answer.find("\r\n") != std::string::npos) break;
      if (n == 0 || (n < 0 && errno != EAGAIN)) break;
    }
    if (sent < kBody && (p.revents & POLLOUT)) {
      const ssize_t n = send(fd, chunk.data(), std::min<uint64_t>(chunk.size(), kBody - sent), MSG_NOSIGNAL);
      if (n > 0) sent += uint64_t(n);
    }
  }
  close(fd);
  return {{"answer", answer.substr(0, answer.find("\r\n"))},
          {"body_mib_sent_before_answer", Round(double(sent) / (1 << 20))},
          {"ms", Round(MsSince(start))},
          {"rss_growth_mib", Round(rss_max - rss_before)}};
}

json Measure(const Target& t, double timeout_ms) {
  json out;
  out["quiet"] = Probes(t, 20, timeout_ms);
  {
    Trickle slow(t.port, 2);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    out["two_slow_connections"] = Probes(t, 5, timeout_ms);
  }
  {
    std::vector<int> idle;
    for (int i = 0; i < 300; ++i) idle.push_back(Connect(t.port, /*nonblocking=*/true));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    out["300_idle_connections"] = Probes(t, 5, timeout_ms);
    for (int fd : idle) close(fd);
  }
  {
    std::vector<double> during;
    std::thread probe([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      for (int i = 0; i < 3; ++i) during.push_back(Probe(t, timeout_ms));
    });
    out["1000_concurrent"] = Burst(t, 1000, 6 * timeout_ms);
    probe.join();
    out["1000_concurrent"]["probe"] = Summary(during);
  }
  out["400_mib_body"] = LargeBody(t, 6 * timeout_ms);
  return out;
}

// Tiny PoS data for the post-service (1 unit x 1,024 labels, scrypt N = 16).
void MakeData(const fs::path& dir) {
  post::InitRequest request;
  request.layout.node_id.fill(0x11);
  request.layout.commitment_atx_id.fill(0x22);
  request.layout.labels_per_unit = 1024;
  request.layout.num_units = 1;
  request.layout.max_file_size = 16 * 1024;
  request.scrypt_n = 16;
  auto generator = post::MakeCpuGenerator(post::Commitment(request.layout.node_id, request.layout.commitment_atx_id),
                                          request.scrypt_n, 1);
  auto meta = post::Initialize(dir, request, *generator);
  if (!meta.ok()) throw std::runtime_error("initializing " + dir.string() + ": " + meta.status().ToString());
}

uint16_t PortAfter(const sm::test::ChildProcess& p, const std::string& marker) {
  const std::string out = p.Output();
  return static_cast<uint16_t>(std::stoi(out.substr(out.find(marker) + marker.size())));
}

}  // namespace

int main(int argc, char** argv) {
  double timeout_s = 10;
  std::string node_binary = NODE_BINARY, service_binary = POST_SERVICE_BINARY;
  CLI::App app("HTTP endpoints under slow, idle, concurrent and large-body clients: ours and cpp-httplib's.");
  app.add_option("--probe-timeout-s", timeout_s, "a probe gives up after this long (counted as this long)");
  app.add_option("--node", node_binary, "spacemesh-node binary");
  app.add_option("--post-service", service_binary, "post-service binary");
  CLI11_PARSE(app, argc, argv);
  signal(SIGPIPE, SIG_IGN);
  bench::RaiseOpenFileLimit();
  const double timeout_ms = timeout_s * 1000;

  bench::ScratchDir dir;
  MakeData(dir.path() / "post");
  sm::test::ChildProcess service(
      {service_binary, "--dir", (dir.path() / "post").string(), "--address", "http://127.0.0.1:1", "--min-num-units",
       "1", "--max-num-units", "16", "--k1", "20", "--k2", "12", "--pow-difficulty",
       "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "-n", "16", "--randomx-mode", "light",
       "--operator-address", "127.0.0.1:0"},
      dir.path() / "service.log");
  const std::string service_marker = "operator API listening on 127.0.0.1:";
  sm::test::ChildProcess node({node_binary, "-d", (dir.path() / "node").string(), "--grpc-public-listener",
                               "127.0.0.1:0", "--grpc-private-listener", "127.0.0.1:0", "--grpc-post-listener",
                               "127.0.0.1:0", "--poet-servers", "http://127.0.0.1:0", "--metrics",
                               "--metrics-listener", "127.0.0.1:0", "--filelock", (dir.path() / "node.lock").string()},
                              dir.path() / "node.log");
  const std::string node_marker = "metrics on http://127.0.0.1:";
  if (!service.WaitForOutput(service_marker, std::chrono::seconds(60)) ||
      !node.WaitForOutput(node_marker, std::chrono::seconds(60))) {
    std::fprintf(stderr, "a target did not start:\n%s\n%s", service.Output().c_str(), node.Output().c_str());
    return 1;
  }
  const Target ours_status{"post-service /status", PortAfter(service, service_marker), "/status", service.pid()};
  const Target ours_metrics{"spacemesh-node /metrics", PortAfter(node, node_marker), "/metrics", node.pid()};

  // The same /status bytes from cpp-httplib, configured as the operator API was before.
  const std::string status_bytes = [&] {
    std::string bytes;
    httplib::Client client("127.0.0.1", ours_status.port);
    if (auto res = client.Get("/status")) bytes = res->body;
    return bytes;
  }();
  httplib::Server before;
  before.new_task_queue = [] { return new httplib::ThreadPool(2); };
  before.Get("/status", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(status_bytes, "application/json");
  });
  const int before_port = before.bind_to_any_port("127.0.0.1");
  std::thread before_thread([&] { before.listen_after_bind(); });
  sm::test::PollUntil([&] { return before.is_running(); });
  const Target httplib_status{"cpp-httplib /status (as before)", uint16_t(before_port), "/status", getpid()};

  json out;
  out["status_bytes"] = status_bytes;
  out["probe_timeout_s"] = timeout_s;
  for (const Target& t : {ours_status, ours_metrics, httplib_status}) out[t.name] = Measure(t, timeout_ms);
  before.stop();
  before_thread.join();
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
