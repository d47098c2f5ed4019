// k2pow search rate against RandomX's own rate on the same dataset and threads. "RandomX's own"
// is a bare loop over randomx_calculate_hash_next per thread, the way RandomX's benchmark
// hashes; "k2pow" is post::SolveK2Pow with an unreachable target, stopped after --duration.
#include <randomx.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "post/k2pow.h"

int main(int argc, char** argv) {
  CLI::App app{"k2pow vs RandomX hash rate"};
  uint32_t threads = 1;
  double duration = 10;
  std::string mode = "fast";
  app.add_option("--threads", threads, "threads");
  app.add_option("--duration", duration, "seconds per measurement");
  app.add_option("--randomx-mode", mode, "fast or light")->check(CLI::IsMember({"fast", "light"}));
  CLI11_PARSE(app, argc, argv);

  auto rx = post::RandomX::Create(mode == "fast" ? post::RandomXMode::kFast : post::RandomXMode::kLight, 0);
  if (!rx.ok()) {
    std::fprintf(stderr, "%s\n", rx.status().ToString().c_str());
    return 1;
  }
  std::vector<post::RandomX::Vm> vms;
  for (uint32_t t = 0; t < threads; ++t) vms.push_back(std::move((*rx)->CreateVm()).value());

  std::atomic<bool> stop{false};
  std::atomic<uint64_t> raw_hashes{0};
  auto raw_start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      uint8_t input[48] = {};
      uint8_t hash[32];
      uint64_t n = 0;
      input[0] = uint8_t(t);
      randomx_calculate_hash_first(vms[t].raw(), input, sizeof(input));
      while (!stop.load(std::memory_order_relaxed)) {
        for (int i = 0; i < 64; ++i, ++n) {
          input[1] = uint8_t(n);
          input[2] = uint8_t(n >> 8);
          input[3] = uint8_t(n >> 16);
          randomx_calculate_hash_next(vms[t].raw(), input, sizeof(input), hash);
        }
      }
      randomx_calculate_hash_last(vms[t].raw(), hash);
      raw_hashes += n;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(duration));
  stop = true;
  for (auto& w : workers) w.join();
  const double raw_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - raw_start).count();
  vms.clear();

  std::atomic<bool> stop_search{false};
  std::atomic<uint64_t> k2_hashes{0};
  std::thread timer([&] {
    std::this_thread::sleep_for(std::chrono::duration<double>(duration));
    stop_search = true;
  });
  auto k2_start = std::chrono::steady_clock::now();
  auto found =
      post::SolveK2Pow(**rx, 0, base::Hash32{}, base::Hash32{}, base::Hash32{}, threads, &stop_search, &k2_hashes);
  const double k2_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - k2_start).count();
  timer.join();
  if (found.status().code() != base::Status::Code::kAborted) return 1;

  const double raw_rate = double(raw_hashes.load()) / raw_s;
  const double k2_rate = double(k2_hashes.load()) / k2_s;
  std::printf(
      "{\"randomx_mode\":\"%s\",\"threads\":%u,\"randomx_hashes_per_s\":%.1f,"
      "\"k2pow_hashes_per_s\":%.1f,\"ratio\":%.3f}\n",
      mode.c_str(), threads, raw_rate, k2_rate, k2_rate / raw_rate);
  return 0;
}
