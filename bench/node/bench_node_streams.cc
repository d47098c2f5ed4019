// bench_node_streams: one spacemesh-node holding N post-service streams (issue 6: 1,000 streams,
// PostStates p99 < 20 ms, node RSS < 300 MiB). Makes N identities in a temporary data folder,
// starts the node on loopback ports, opens one Register stream per identity on its own TCP
// connection, waits until /metrics counts N connected, then times PostStates from one caller
// and from several at once, and reads the node's memory from /proc. Prints one JSON line.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <thread>

#include "node_bench.h"
#include "post_streams.h"
#include "spacemesh/v1/post.grpc.pb.h"
#include "support/child_process.h"
#include "support/http_get.h"
#include "support/poll.h"

namespace {

namespace fs = std::filesystem;
namespace pb = spacemesh::v1;
using Clock = std::chrono::steady_clock;
using bench::MemoryMib;
using nlohmann::json;

// Identities /metrics reports as connected.
int ConnectedCount(uint16_t metrics_port) {
  const auto text = sm::test::HttpGet(metrics_port, "/metrics");
  if (!text) return -1;
  int connected = 0;
  for (size_t at = text->find("\nspacemesh_post_connected{"); at != std::string::npos;
       at = text->find("\nspacemesh_post_connected{", at + 1)) {
    const size_t end = std::min(text->find('\n', at + 1), text->size());
    if (text->compare(end - 2, 2, " 1") == 0) ++connected;
  }
  return connected;
}

// Open descriptors of a process: one per TCP connection, plus a few dozen of its own.
int OpenFiles(int pid) {
  std::error_code ec;
  const fs::directory_iterator fds("/proc/" + std::to_string(pid) + "/fd", ec);
  return ec ? -1 : static_cast<int>(std::distance(fds, fs::directory_iterator()));
}

struct Latencies {
  std::vector<double> ms;
  int errors = 0;
};

// `calls` PostStates calls in a row; a call fails if it does not list every identity.
Latencies TimePostStates(const std::shared_ptr<grpc::Channel>& channel, int calls, int identities) {
  auto stub = pb::PostInfoService::NewStub(channel);
  Latencies out;
  for (int i = 0; i < calls; ++i) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    pb::PostStatesResponse response;
    const auto start = Clock::now();
    const grpc::Status status = stub->PostStates(&context, {}, &response);
    out.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!status.ok() || response.states_size() != identities) ++out.errors;
  }
  return out;
}

// The same from `callers` threads at once, each on its own connection, `calls` in all.
Latencies TimeConcurrentPostStates(const std::string& address, int callers, int calls, int identities) {
  std::vector<Latencies> parts(callers);
  std::vector<std::thread> threads;
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back(
        [&, c] { parts[c] = TimePostStates(bench::SeparateChannel(address, -1 - c), calls / callers, identities); });
  }
  for (auto& t : threads) t.join();
  Latencies all;
  for (const auto& part : parts) {
    all.ms.insert(all.ms.end(), part.ms.begin(), part.ms.end());
    all.errors += part.errors;
  }
  return all;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * v.size()));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

double Round(double v) { return std::round(v * 1000) / 1000; }

void Summarize(json& out, const std::string& prefix, const Latencies& l) {
  out[prefix + "_p50_ms"] = Round(Percentile(l.ms, 0.50));
  out[prefix + "_p99_ms"] = Round(Percentile(l.ms, 0.99));
  out[prefix + "_max_ms"] = Round(Percentile(l.ms, 1.0));
  out[prefix + "_errors"] = l.errors;
}

}  // namespace

int main(int argc, char** argv) {
  int streams = 1000, calls = 2000, callers = 4;
  std::string node_binary = NODE_BINARY;
  CLI::App app("One spacemesh-node with N post-service streams: PostStates latency and node memory.");
  app.add_option("--streams", streams, "Register streams (and identities)")->check(CLI::PositiveNumber);
  app.add_option("--calls", calls, "PostStates calls per measurement")->check(CLI::PositiveNumber);
  app.add_option("--callers", callers, "concurrent PostStates callers")->check(CLI::PositiveNumber);
  app.add_option("--node", node_binary, "spacemesh-node binary");
  CLI11_PARSE(app, argc, argv);

  bench::RaiseOpenFileLimit();
  signal(SIGPIPE, SIG_IGN);
  bench::ScratchDir dir;
  const fs::path data = dir.path() / "data";
  const auto ids = bench::MakeIdentities(data / "identities", streams);

  sm::test::ChildProcess node(
      {node_binary, "-d", data.string(), "--grpc-public-listener", "127.0.0.1:0", "--grpc-private-listener",
       "127.0.0.1:0", "--grpc-post-listener", "127.0.0.1:0", "--metrics", "--metrics-listener", "127.0.0.1:0"},
      dir.path() / "node.log");
  if (!sm::test::PollUntil([&] { return fs::exists(data / "api.json") || node.Wait(std::chrono::milliseconds(0)); }) ||
      !fs::exists(data / "api.json")) {
    std::fprintf(stderr, "the node did not start:\n%s", node.Output().c_str());
    return 1;
  }
  std::ifstream api_json(data / "api.json");
  const json api = json::parse(api_json);
  const std::string post_address = api["post"];
  const uint16_t metrics_port = bench::Port(api["metrics"]);

  json out;
  out["streams"] = streams;
  out["rss_idle_mib"] = Round(MemoryMib(node.pid(), "VmRSS"));
  out["node_fds_idle"] = OpenFiles(node.pid());

  const auto connect_start = Clock::now();
  bench::PostStreams posts(post_address, ids);
  // Scraped every 100 ms: with N identities /metrics is a large page, and scraping it often would
  // slow the node down while it admits the streams.
  int connected = 0;
  const auto give_up = Clock::now() + std::chrono::minutes(5);
  while ((connected = ConnectedCount(metrics_port)) != streams && Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  out["connected"] = connected;
  out["node_fds"] = OpenFiles(node.pid());
  out["connect_s"] = Round(std::chrono::duration<double>(Clock::now() - connect_start).count());

  auto channel = bench::SeparateChannel(post_address, -1);
  TimePostStates(channel, 50, streams);  // warm-up: connection, allocator, caches
  Summarize(out, "poststates", TimePostStates(channel, calls, streams));
  out["poststates_calls"] = calls;
  Summarize(out, "poststates_concurrent", TimeConcurrentPostStates(post_address, callers, calls, streams));
  out["poststates_callers"] = callers;
  out["metrics_connected_after"] = ConnectedCount(metrics_port);
  out["rss_mib"] = Round(MemoryMib(node.pid(), "VmRSS"));
  out["hwm_mib"] = Round(MemoryMib(node.pid(), "VmHWM"));
  out["streams_ended_early"] = posts.Ended();

  posts.Cancel();
  node.Signal(SIGTERM);
  const auto code = node.Wait(std::chrono::minutes(2));
  out["node_exit"] = code ? *code : -1;
  std::printf("%s\n", out.dump().c_str());
  return connected == streams && code == 0 ? 0 : 1;
}
