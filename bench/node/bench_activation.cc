// bench_activation: one spacemesh-node with N identities (default 1,000) through the activation
// cycle, its post-services played by this process with real proofs. Makes N identity keys and
// tiny PoS data for each (1 unit x 1,024 labels, scrypt N = 16), starts the node (standalone,
// its own PoET, loopback ports it picks, a genesis set here so the data's commitment is the
// golden ATX), opens one Register stream per identity (proving_streams.h), and follows the node's
// log until the end of the first publish epoch. Reports the time to every initial post and to
// every ATX of that epoch, identities that missed it, the node's CPU time over that epoch per
// identity (from /proc: the provers here share the 2 cores, so the node's share is measured on
// its own), its memory, and the proof-window margins from /metrics. Prints one JSON line.
#include <signal.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "node/types/clock.h"
#include "node/types/golden_atx.h"
#include "node_bench.h"
#include "node_log.h"
#include "post/initialize.h"
#include "post/labels.h"
#include "proving_streams.h"
#include "support/child_process.h"
#include "support/http_get.h"
#include "support/poll.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using SystemClock = std::chrono::system_clock;
using Seconds = std::chrono::duration<double>;

constexpr uint32_t kLayersPerEpoch = 10;  // the standalone preset's
constexpr uint32_t kK1 = 20, kK2 = 12, kK3 = 12;
constexpr const char* kEasyPow = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
constexpr const char* kExtraData = "standalone";  // the standalone preset's genesis extra data

double Round(double v) { return std::round(v * 1000) / 1000; }

// Tiny PoS data per identity, its commitment the network's golden ATX. Each directory's files and
// metadata are synced, which dominates at this size, so several are made at once.
std::vector<bench::ProvingIdentity> InitializeData(const fs::path& dir, const std::vector<base::Hash32>& ids,
                                                   const base::Hash32& golden_atx) {
  constexpr int kThreads = 8;
  std::vector<bench::ProvingIdentity> out(ids.size());
  std::atomic<size_t> next{0};
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i; (i = next++) < ids.size() && errors[t].empty();) {
        post::InitRequest request;
        request.layout.node_id = ids[i];
        request.layout.commitment_atx_id = golden_atx;
        request.layout.labels_per_unit = 1024;
        request.layout.num_units = 1;
        request.layout.max_file_size = 16 * 1024;
        request.scrypt_n = 16;
        auto generator = post::MakeCpuGenerator(post::Commitment(ids[i], golden_atx), request.scrypt_n, 1);
        const fs::path data = dir / ("post" + std::to_string(i));
        auto meta = post::Initialize(data, request, *generator);
        if (!meta.ok()) errors[t] = "initializing " + data.string() + ": " + meta.status().ToString();
        if (meta.ok()) out[i] = {data, *meta, std::nullopt};
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) {
    if (!e.empty()) throw std::runtime_error(e);
  }
  return out;
}

// The standalone preset's cycle scaled to `layer_s`-second layers (6: 60 s epochs, 30 s phase
// shift and cycle gap, 12 s grace), the PoST parameters the provers use, and verifying workers.
void WriteConfig(const fs::path& path, int layer_s, uint32_t verifying_workers) {
  std::ofstream(path) << "main:\n  layer-duration: " << layer_s << "s\n  layers-per-epoch: " << kLayersPerEpoch
                      << "\npoet:\n  phase-shift: " << 5 * layer_s << "s\n  cycle-gap: " << 5 * layer_s
                      << "s\n  grace-period: " << 2 * layer_s << "s\npost:\n  post-k1: " << kK1
                      << "\n  post-k2: " << kK2 << "\n  post-k3: " << kK3 << "\n  post-pow-difficulty: " << kEasyPow
                      << "\nsmeshing:\n  smeshing-verifying-opts:\n    smeshing-opts-verifying-workers: "
                      << verifying_workers << "\n";
}

// The publish epoch the cycle picks for an identity whose initial post is done at `t`
// (activation/cycle_clock.h: the next epoch whose PoET round has not started, plus one).
uint32_t FirstPublishEpoch(SystemClock::time_point t, SystemClock::time_point genesis, Seconds epoch,
                           Seconds phase_shift) {
  uint32_t e = t < genesis ? 0 : static_cast<uint32_t>(Seconds(t - genesis) / epoch);
  if (genesis + std::chrono::duration_cast<SystemClock::duration>(e * epoch + phase_shift) <= t) ++e;
  return e + 1;
}

// Every spacemesh_post_proof_margin_seconds value in a /metrics page.
std::vector<double> Margins(const std::string& metrics) {
  std::vector<double> out;
  const std::string family = "\nspacemesh_post_proof_margin_seconds{";
  for (size_t at = metrics.find(family); at != std::string::npos; at = metrics.find(family, at + 1)) {
    const size_t end = std::min(metrics.find('\n', at + 1), metrics.size());
    out.push_back(std::stod(metrics.substr(metrics.rfind(' ', end) + 1, end)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// `spacemesh-node inspect atxs`: the smeshers with an ATX, by publish epoch.
std::map<uint32_t, std::set<std::string>> InspectAtxs(const std::string& node_binary, const fs::path& data) {
  std::map<uint32_t, std::set<std::string>> out;
  const std::string command = "'" + node_binary + "' inspect -d '" + data.string() + "' atxs";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::string text;
  char buffer[1 << 16];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  pclose(pipe);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    const json atx = json::parse(line);
    out[atx["publish_epoch"].get<uint32_t>()].insert(atx["smesher"].get<std::string>());
  }
  return out;
}

double SelfCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct CpuSample {
  double node = -1, bench = -1;
};

}  // namespace

int main(int argc, char** argv) {
  int identities = 1000, layer_s = 6, genesis_lead_s = 25;
  uint32_t prover_threads = 1, verifying_workers = 2;
  std::string randomx_mode = "fast", node_binary = NODE_BINARY, node_log_path;
  CLI::App app("One spacemesh-node with N identities through the activation cycle, post-services played here.");
  app.add_option("--identities", identities, "identities (and Register streams)")->check(CLI::PositiveNumber);
  app.add_option("--layer-seconds", layer_s, "layer duration; an epoch is 10 layers")->check(CLI::Range(2, 600));
  app.add_option("--genesis-lead-s", genesis_lead_s,
                 "seconds from the provers' RandomX being ready to genesis, when the node starts (must cover "
                 "making the keys, data and initial posts)");
  app.add_option("--prover-threads", prover_threads, "threads proving for all identities here");
  app.add_option("--verifying-workers", verifying_workers, "the node's PoST verifying workers");
  app.add_option("--randomx-mode", randomx_mode, "RandomX of the provers here")
      ->check(CLI::IsMember({"fast", "light"}));
  app.add_option("--node-log", node_log_path, "keep the node's log here (default: removed with the data)");
  app.add_option("--node", node_binary, "spacemesh-node binary");
  CLI11_PARSE(app, argc, argv);

  bench::RaiseOpenFileLimit();
  signal(SIGPIPE, SIG_IGN);
  json out;
  out["identities"] = identities;
  out["randomx_mode"] = randomx_mode;
  out["prover_threads"] = prover_threads;
  out["verifying_workers"] = verifying_workers;

  // The provers' RandomX first: in fast mode its dataset takes both cores for a while, before the
  // node runs.
  auto start = std::chrono::steady_clock::now();
  auto randomx = post::RandomX::Create(randomx_mode == "fast" ? post::RandomXMode::kFast : post::RandomXMode::kLight);
  if (!randomx.ok()) {
    std::fprintf(stderr, "RandomX: %s\n", randomx.status().ToString().c_str());
    return 1;
  }
  out["randomx_init_s"] = Round(Seconds(std::chrono::steady_clock::now() - start).count());

  // Genesis a little ahead: the keys and data are made before it and the node starts at it, as a
  // standalone node binds genesis at its first start.
  const auto genesis =
      std::chrono::ceil<std::chrono::seconds>(SystemClock::now()) + std::chrono::seconds(genesis_lead_s);
  bench::ScratchDir dir;
  const fs::path data = dir.path() / "data";
  start = std::chrono::steady_clock::now();
  const auto ids = bench::MakeIdentities(data / "identities", identities);
  auto pos = InitializeData(dir.path() / "pos", ids, node::GoldenAtx(genesis, kExtraData));
  out["data_init_s"] = Round(Seconds(std::chrono::steady_clock::now() - start).count());
  post::ProofParams params{kK1, kK2, {}};
  params.pow_difficulty.fill(0xff);
  post::ProvingOptions options;
  options.nonces = 16;
  options.threads = 1;
  start = std::chrono::steady_clock::now();
  if (base::Status s = bench::MakeInitialPosts(pos, params, options, std::thread::hardware_concurrency(), **randomx);
      !s.ok()) {
    std::fprintf(stderr, "initial posts: %s\n", s.ToString().c_str());
    return 1;
  }
  out["initial_posts_made_s"] = Round(Seconds(std::chrono::steady_clock::now() - start).count());

  const fs::path config = dir.path() / "node.yaml";
  WriteConfig(config, layer_s, verifying_workers);
  const Seconds epoch(layer_s * kLayersPerEpoch), phase_shift(5 * layer_s);
  const auto epoch_start = [&](uint32_t e) {
    return genesis + std::chrono::duration_cast<SystemClock::duration>(e * epoch);
  };
  out["epoch_s"] = epoch.count();

  std::this_thread::sleep_until(genesis);
  const fs::path log = node_log_path.empty() ? dir.path() / "node.log" : fs::path(node_log_path);
  fs::remove(log);  // the child appends: a kept log of an earlier run would be counted again
  const auto node_start = SystemClock::now();
  sm::test::ChildProcess node(
      {node_binary, "-d", data.string(), "-c", config.string(), "--genesis-time", node::FormatRfc3339(genesis),
       "--poet-servers", "http://127.0.0.1:0", "--grpc-public-listener", "127.0.0.1:0", "--grpc-private-listener",
       "127.0.0.1:0", "--grpc-post-listener", "127.0.0.1:0", "--metrics", "--metrics-listener", "127.0.0.1:0"},
      log);
  if (!sm::test::PollUntil([&] { return fs::exists(data / "api.json") || node.Wait(std::chrono::milliseconds(0)); }) ||
      !fs::exists(data / "api.json")) {
    std::fprintf(stderr, "the node did not start:\n%s", node.Output().c_str());
    return 1;
  }
  const CpuSample at_start{bench::CpuSeconds(node.pid()), SelfCpuSeconds()};
  out["node_start_after_genesis_s"] = Round(Seconds(node_start - genesis).count());
  std::ifstream api_json(data / "api.json");
  const json api = json::parse(api_json);
  const uint16_t metrics_port = bench::Port(api["metrics"]);

  const uint32_t first = FirstPublishEpoch(node_start, genesis, epoch, phase_shift);
  out["first_epoch"] = first;
  bench::ProvingStreams posts(api["post"], pos, params, options, prover_threads, **randomx);

  // Until the first publish epoch has ended, so that its CPU window is whole.
  bench::NodeLog node_log(log);
  CpuSample at_initial, at_epoch, at_epoch_end;
  double rss_max = 0;
  const auto since_start = [&] { return Round(Seconds(SystemClock::now() - node_start).count()); };
  while (SystemClock::now() < epoch_start(first + 1) + std::chrono::seconds(1)) {
    if (node.Wait(std::chrono::milliseconds(200))) break;
    node_log.Update();
    rss_max = std::max(rss_max, bench::MemoryMib(node.pid(), "VmRSS"));
    if (at_initial.node < 0 && node_log.initial_posts() == size_t(identities)) {
      at_initial = {bench::CpuSeconds(node.pid()), SelfCpuSeconds()};
      out["initial_posts_all_s"] = since_start();
    }
    if (at_epoch.node < 0 && SystemClock::now() >= epoch_start(first)) {
      at_epoch = {bench::CpuSeconds(node.pid()), SelfCpuSeconds()};
    }
    if (!out.contains("atxs_all_s") && node_log.atxs(first) == size_t(identities)) {
      out["atxs_all_s"] = since_start();
      out["atxs_all_into_epoch_s"] = Round(Seconds(SystemClock::now() - epoch_start(first)).count());
    }
    if (at_epoch_end.node < 0 && SystemClock::now() >= epoch_start(first + 1)) {
      at_epoch_end = {bench::CpuSeconds(node.pid()), SelfCpuSeconds()};
    }
  }
  node_log.Update();
  out["initial_posts"] = node_log.initial_posts();
  out["node_cpu_initial_s"] = Round(at_initial.node - at_start.node);
  out["bench_cpu_initial_s"] = Round(at_initial.bench - at_start.bench);
  out["node_cpu_epoch_s"] = Round(at_epoch_end.node - at_epoch.node);
  out["node_cpu_per_identity_epoch_ms"] = Round((at_epoch_end.node - at_epoch.node) * 1000 / identities);
  out["bench_cpu_epoch_s"] = Round(at_epoch_end.bench - at_epoch.bench);

  const auto metrics = sm::test::HttpGet(metrics_port, "/metrics");
  const auto margins = Margins(metrics.value_or(""));
  out["margins"] = margins.size();
  if (!margins.empty()) {
    out["margin_min_s"] = margins.front();
    out["margin_median_s"] = margins[margins.size() / 2];
    out["margin_max_s"] = margins.back();
  }
  const auto atxs = InspectAtxs(node_binary, data);
  const size_t on_time = atxs.contains(first) ? atxs.at(first).size() : 0;
  out["atxs_first_epoch"] = on_time;
  out["identities_late"] = identities - static_cast<int>(on_time);
  // The next round's registration closes phase-shift into this epoch, before the loop ended: an
  // identity whose ATX came after it waits for the epoch after next, without a warning.
  out["registered_next_epoch"] = node_log.registrations(first + 1);
  out["node_rss_max_mib"] = Round(rss_max);
  out["node_rss_end_mib"] = Round(bench::MemoryMib(node.pid(), "VmRSS"));
  out["node_hwm_mib"] = Round(bench::MemoryMib(node.pid(), "VmHWM"));
  out["node_anon_huge_mib"] = Round(bench::MemoryMib(node.pid(), "AnonHugePages", "smaps_rollup"));
  out["node_threads"] = static_cast<int>(bench::ProcField(node.pid(), "status", "Threads"));

  const bench::ProverStats stats = posts.stats();
  out["proofs"] = stats.proofs;
  out["proof_failures"] = stats.failures;
  out["prove_ms_mean"] = Round(stats.prove_seconds_total * 1000 / std::max<uint64_t>(1, stats.proofs + stats.failures));
  out["prove_ms_max"] = Round(stats.prove_seconds_max * 1000);
  out["streams_ended_early"] = posts.Ended();
  for (const auto& [epoch, count] : node_log.missed()) out["missed_by_epoch"][std::to_string(epoch)] = count;
  out["node_warnings"] = node_log.warnings();
  out["node_errors"] = node_log.errors();
  out["node_log_samples"] = node_log.samples();

  posts.Cancel();
  node.Signal(SIGTERM);
  const auto code = node.Wait(std::chrono::minutes(2));
  out["node_exit"] = code ? *code : -1;
  if (!node_log_path.empty()) out["node_log"] = node_log_path;
  std::printf("%s\n", out.dump().c_str());
  return on_time == size_t(identities) && code == 0 ? 0 : 1;
}
