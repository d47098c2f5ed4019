// post-profiler: how fast this machine proves and computes k2pow, as JSON, so an operator can
// choose --threads, --nonces and --randomx-mode before committing a proving window.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <thread>

#include "post/k2pow.h"
#include "post/layout.h"
#include "post/metadata.h"
#include "post/prove.h"

namespace {

using Clock = std::chrono::steady_clock;

// Counts scanned bytes and the time spent scanning (k2pow before each pass excluded).
class ScanClock : public post::ProvingObserver {
 public:
  void K2PowStarted(uint32_t, uint32_t) override { StopScanning(); }
  void PassStarted(uint32_t, uint32_t) override { pass_start_ = Clock::now(); }
  void ChunkScanned(uint64_t, uint64_t len) override { bytes.fetch_add(len, std::memory_order_relaxed); }
  void StopScanning() {
    if (pass_start_) scan_s += std::chrono::duration<double>(Clock::now() - *pass_start_).count();
    pass_start_.reset();
  }
  std::atomic<uint64_t> bytes{0};
  double scan_s = 0;

 private:
  std::optional<Clock::time_point> pass_start_;
};

// A data directory of random labels (proving speed does not depend on their values).
base::Status MakeRandomData(const std::filesystem::path& dir, uint64_t bytes) {
  std::filesystem::create_directories(dir);
  post::PostMetadata meta;
  meta.node_id.fill(7);
  meta.labels_per_unit = bytes / 16;
  meta.num_units = 1;
  meta.max_file_size = bytes;
  const auto file = dir / post::DataFileName(0);
  if (!std::filesystem::exists(file) || std::filesystem::file_size(file) != bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::mt19937_64 rng(1);
    std::vector<uint64_t> block(1 << 17);
    for (uint64_t done = 0; done < bytes; done += block.size() * 8) {
      for (auto& w : block) w = rng();
      out.write(reinterpret_cast<const char*>(block.data()),
                std::streamsize(std::min<uint64_t>(block.size() * 8, bytes - done)));
    }
    if (!out) return base::Status::IoError("cannot write " + file.string());
  }
  return post::SaveMetadata(dir, meta);
}

int Proving(const std::filesystem::path& dir, double size_gib, double duration, const post::ProvingOptions& options) {
  const uint64_t bytes = uint64_t(size_gib * (1ULL << 30)) / 128 * 128;
  if (auto s = MakeRandomData(dir, bytes); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  auto randomx = post::RandomX::Create(post::RandomXMode::kLight);
  if (!randomx.ok()) {
    std::fprintf(stderr, "%s\n", randomx.status().ToString().c_str());
    return 1;
  }
  // k1 = 1 gives the realistic difficulty shape (msb 0, ties resolved by the lazy cipher) and
  // an unreachable k2 keeps the prover scanning; every hash meets the pow target.
  post::ProofParams params{1, 1u << 20, {}};
  params.pow_difficulty.fill(0xff);
  ScanClock counter;
  std::atomic<bool> stop{false};
  std::thread timer([&] {
    std::this_thread::sleep_for(std::chrono::duration<double>(duration));
    stop = true;
  });
  auto proof = post::GenerateProof(dir, base::Hash32{}, params, options, **randomx, &counter, &stop);
  timer.join();
  counter.StopScanning();
  const double elapsed = counter.scan_s;
  if (proof.status().code() != base::Status::Code::kAborted) {
    std::fprintf(stderr, "unexpected result: %s\n", proof.status().ToString().c_str());
    return 1;
  }
  const double gib_s = double(counter.bytes.load()) / elapsed / double(1ULL << 30);
  const post::ScanKernel kernel = post::ResolveScanKernel(options.scan_kernel);
  std::printf(
      "{\"threads\":%u,\"nonces\":%u,\"batch_kib\":%zu,\"scan_kernel\":\"%s\",\"time_s\":%.3f,"
      "\"bytes\":%llu,\"speed_gib_s\":%.4f,\"speed_gb_s\":%.4f}\n",
      options.threads, options.nonces, options.batch_bytes / 1024, post::ScanKernelName(kernel), elapsed,
      static_cast<unsigned long long>(counter.bytes.load()), gib_s, gib_s * 1.073741824);
  return 0;
}

int Pow(post::RandomXMode mode, uint32_t threads, double duration) {
  const auto init_start = Clock::now();
  auto randomx = post::RandomX::Create(mode, 0);
  if (!randomx.ok()) {
    std::fprintf(stderr, "%s\n", randomx.status().ToString().c_str());
    return 1;
  }
  const double init_s = std::chrono::duration<double>(Clock::now() - init_start).count();
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> hashes{0};
  std::thread timer([&] {
    std::this_thread::sleep_for(std::chrono::duration<double>(duration));
    stop = true;
  });
  const auto start = Clock::now();
  auto pow = post::SolveK2Pow(**randomx, 0, base::Hash32{}, base::Hash32{}, base::Hash32{}, threads, &stop, &hashes);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  timer.join();
  const double rate = double(hashes.load()) / elapsed;
  // Mainnet: one nonce group per 16 nonces needs 4687.5 hashes per space unit on average.
  std::printf(
      "{\"randomx_mode\":\"%s\",\"threads\":%u,\"randomx_init_s\":%.2f,\"hashes\":%llu,"
      "\"hashes_per_s\":%.1f,\"mainnet_s_per_group_per_unit\":%.3f}\n",
      mode == post::RandomXMode::kFast ? "fast" : "light", threads, init_s,
      static_cast<unsigned long long>(hashes.load()), rate, 4687.5 / rate);
  return pow.status().code() == base::Status::Code::kAborted ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"post-profiler: proving and k2pow speed on this machine (JSON on stdout)"};
  app.require_subcommand(1);
  auto* proving = app.add_subcommand("proving", "AES scan speed over a data file");
  std::string dir = (std::filesystem::temp_directory_path() / "post-profiler-data").string();
  double size_gib = 1, duration = 10;
  uint32_t threads = 1, nonces = 64;
  size_t batch_kib = post::ProvingOptions{}.batch_bytes / 1024;
  std::string scan_kernel = "auto";
  proving->add_option("--data-dir", dir, "directory for the random data (reused when present)");
  proving->add_option("--data-size", size_gib, "GiB of data");
  proving->add_option("--duration", duration, "seconds to run");
  proving->add_option("--threads", threads, "proving threads (0 = all cores)");
  proving->add_option("--nonces", nonces, "nonces per pass (multiple of 16)");
  proving->add_option("--batch-kib", batch_kib, "KiB read and scanned at a time per thread");
  proving->add_option("--scan-kernel", scan_kernel, "auto, sse, avx512, vaes-avx2 or vaes-avx512")
      ->check(CLI::IsMember({"auto", "sse", "avx512", "vaes-avx2", "vaes-avx512"}));
  auto* pow = app.add_subcommand("pow", "k2pow (RandomX) hashes per second");
  std::string mode = "fast";
  uint32_t pow_threads = 1;
  double pow_duration = 10;
  pow->add_option("--randomx-mode", mode, "fast or light")->check(CLI::IsMember({"fast", "light"}));
  pow->add_option("--threads", pow_threads, "search threads (0 = all cores)");
  pow->add_option("--duration", pow_duration, "seconds to hash");
  CLI11_PARSE(app, argc, argv);

  if (*proving) {
    post::ProvingOptions options;
    options.threads = threads;
    options.nonces = nonces;
    options.batch_bytes = batch_kib * 1024;
    options.scan_kernel = *post::ParseScanKernel(scan_kernel);  // checked by IsMember
    if (!post::ScanKernelSupported(options.scan_kernel)) {
      std::fprintf(stderr, "this CPU cannot run --scan-kernel %s\n", scan_kernel.c_str());
      return 2;
    }
    return Proving(dir, size_gib, duration, options);
  }
  return Pow(mode == "fast" ? post::RandomXMode::kFast : post::RandomXMode::kLight, pow_threads, pow_duration);
}
