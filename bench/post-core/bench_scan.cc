// The proving scan alone, against AES-128-ECB on the same core: scans an in-memory buffer of
// random labels with every requested nonce count and scan kernel, alternating with OpenSSL's
// ECB (EVP, 16 KiB blocks, as `openssl speed -evp aes-128-ecb` does), and prints one JSON line
// per setting with medians. Needs no RandomX and no data files, so it also runs as a static
// binary on other machines. Difficulty as on mainnet: first byte 0, ties to the nonce ciphers.
#include <openssl/evp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "post/difficulty.h"
#include "post/scan.h"

namespace {

using Clock = std::chrono::steady_clock;

// Calls f() until `seconds` have passed; returns bytes per second given bytes per call.
template <typename F>
double Rate(double seconds, size_t bytes_per_call, F&& f) {
  const auto start = Clock::now();
  size_t calls = 0;
  double elapsed = 0;
  do {
    f();
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return double(calls) * double(bytes_per_call) / elapsed;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double EcbRate(double seconds) {
  static std::vector<uint8_t> in(16384, 7), out(16384 + 16);
  const uint8_t key[16] = {1};
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), nullptr, key, nullptr);
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  int len = 0;
  const double rate =
      Rate(seconds, in.size(), [&] { EVP_EncryptUpdate(ctx, out.data(), &len, in.data(), int(in.size())); });
  EVP_CIPHER_CTX_free(ctx);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"proving scan vs AES-128-ECB on one core"};
  std::vector<uint32_t> nonce_counts = {16, 128, 288};
  std::vector<std::string> kernels = {"auto"};
  double seconds = 1;
  uint32_t rounds = 3;
  size_t size_mib = 256;
  app.add_option("--nonces", nonce_counts, "nonces per pass (multiples of 16)");
  app.add_option("--kernels", kernels, "scan kernels: auto, sse, avx512, vaes-avx2, vaes-avx512");
  app.add_option("--seconds", seconds, "per measurement");
  app.add_option("--rounds", rounds, "alternations of ECB and scan (medians reported)");
  app.add_option("--size-mib", size_mib, "buffer of random labels, scanned 1 MiB at a time");
  CLI11_PARSE(app, argc, argv);

  std::vector<uint8_t> data(size_mib << 20);
  std::mt19937_64 rng(1);
  for (size_t i = 0; i < data.size(); i += 8) {
    const uint64_t r = rng();
    std::copy_n(reinterpret_cast<const uint8_t*>(&r), 8, data.begin() + long(i));
  }
  const uint64_t num_labels = uint64_t(1) << 34;  // 4 space units on mainnet
  const uint64_t difficulty = *post::ProvingDifficulty(26, num_labels);
  constexpr size_t kBatch = 1 << 20;

  for (const std::string& name : kernels) {
    const std::optional<post::ScanKernel> parsed = post::ParseScanKernel(name);
    if (!parsed) {
      std::fprintf(stderr, "unknown scan kernel \"%s\"\n", name.c_str());
      return 2;
    }
    post::ScanKernel kernel = *parsed;
    if (!post::ScanKernelSupported(kernel)) {
      std::printf("{\"scan_kernel\":\"%s\",\"supported\":false}\n", name.c_str());
      continue;
    }
    kernel = post::ResolveScanKernel(kernel);
    for (uint32_t nonces : nonce_counts) {
      std::vector<uint64_t> pows(nonces / 16);
      for (size_t g = 0; g < pows.size(); ++g) pows[g] = g * 7919;
      const post::PassScanner scanner(base::Hash32{}, 0, pows, difficulty, kernel);
      std::vector<post::ScanHit> hits;
      size_t offset = 0;
      std::vector<double> ecb, scan;
      for (uint32_t r = 0; r < rounds; ++r) {
        ecb.push_back(EcbRate(seconds));
        scan.push_back(Rate(seconds, kBatch, [&] {
          hits.clear();
          scanner.Scan({data.data() + offset, kBatch}, offset / 16, &hits);
          offset = (offset + kBatch) % data.size();
        }));
      }
      const double ecb_gb = Median(ecb) / 1e9, scan_gb = Median(scan) / 1e9;
      const double target = nonces == 16 ? ecb_gb / 2 : ecb_gb / double(pows.size());
      std::printf(
          "{\"scan_kernel\":\"%s\",\"nonces\":%u,\"scan_gb_s\":%.4f,\"ecb_gb_s\":%.3f,"
          "\"per_group_vs_ecb\":%.3f,\"target_gb_s\":%.4f,\"met\":%s}\n",
          post::ScanKernelName(kernel), nonces, scan_gb, ecb_gb, scan_gb * double(pows.size()) / ecb_gb, target,
          scan_gb >= target ? "true" : "false");
      std::fflush(stdout);
    }
  }
  return 0;
}
