// bench_poet: the PoET's proof of sequential work on one core (reference/activation.md §4.4).
// (a) posw::LabelHasher labels per second. A label is 400 nested SHA-256, the first over 64 bytes
//     (statement || a 32-byte input), the other 399 over the previous 32-byte digest. Against it,
//     OpenSSL's EVP SHA-256 in this process on the same input sizes, timed as `openssl speed
//     sha256` times it (the digest fetched once, one EVP_Digest per input, which also makes and
//     frees a context each time), and through one reused context as LabelHasher hashes. The work
//     is sequential by design, so one core's SHA-256 rate is its ceiling; each ratio is labels/s
//     over 1 / (1 / rate(64 B) + 399 / rate(32 B)).
// (b) posw::Verify of a Prove()d proof over rounds of each --leaves count, median of --runs.
// (c) the prover's own rate for those rounds, RunUntil to the leaf cap (labels and tree), leaves/s.
// Prints one JSON line.
#include <openssl/evp.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "node/posw/prover.h"
#include "node/posw/verifier.h"
#include "node/wire/sha256.h"

namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

constexpr int kSlices = 5;  // per rate measurement in (a)

double Round(double v) { return std::round(v * 1000) / 1000; }

// Calls `step` for about `seconds`; calls per second.
template <typename F>
double PerSecond(double seconds, F&& step) {
  constexpr int kBatch = 64;  // steps between clock reads
  const auto start = Clock::now();
  uint64_t calls = 0;
  double elapsed = 0;
  do {
    for (int i = 0; i < kBatch; ++i) step();
    calls += kBatch;
    elapsed = Seconds(Clock::now() - start).count();
  } while (elapsed < seconds);
  return static_cast<double>(calls) / elapsed;
}

// `openssl speed sha256`'s loop: the digest fetched once, EVP_Digest over the same buffer.
double OpensslSpeedSha256(double seconds, size_t len) {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  uint8_t buffer[64] = {1}, digest[EVP_MAX_MD_SIZE];
  const double rate = PerSecond(seconds, [&] { EVP_Digest(buffer, len, digest, nullptr, md, nullptr); });
  EVP_MD_free(md);
  return rate;
}

// SHA-256 through one reused context (node::wire::Sha256, as LabelHasher hashes), each digest
// fed into the next input.
double ReusedContextSha256(double seconds, size_t len) {
  node::wire::Sha256 sha;
  uint8_t buffer[64] = {1};
  return PerSecond(seconds, [&] {
    sha.Update({buffer, len});
    const base::Hash32 digest = sha.Final();
    std::copy(digest.begin(), digest.end(), buffer);
  });
}

// Labels per second if every hash ran at these rates: one 64-byte and 399 32-byte hashes each.
double LabelCeiling(double rate32, double rate64) {
  return 1 / (1 / rate64 + (node::posw::kLabelHashNesting - 1) / rate32);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  int runs = 15;
  std::vector<uint64_t> leaves{2000, 20000, 200000};
  CLI::App app("PoET sequential work: labels/s against OpenSSL SHA-256, PoSW proof verification, prover rate.");
  app.add_option("--seconds", seconds, "time per rate measurement in (a), in 5 alternated slices")
      ->check(CLI::PositiveNumber);
  app.add_option("--runs", runs, "timed verifications per round size")->check(CLI::PositiveNumber);
  app.add_option("--leaves", leaves, "round sizes (leaves) to prove and verify")->check(CLI::Range(150, 1 << 30));
  CLI11_PARSE(app, argc, argv);

  base::Hash32 statement;
  statement.fill(0x5a);
  nlohmann::json out;

  // (a) in slices, the five measurements alternated, so that drift in this core's speed (a shared
  // host) moves them together; medians. LabelHasher feeds each label into the next, as the tree's
  // labels depend on each other.
  node::posw::LabelHasher hasher(statement);
  base::Hash32 label{};
  std::vector<double> labels, speed32, speed64, reused32, reused64;
  for (int i = 0; i < kSlices; ++i) {
    labels.push_back(PerSecond(seconds / kSlices, [&] { label = hasher.Hash(label); }));
    speed32.push_back(OpensslSpeedSha256(seconds / kSlices, 32));
    speed64.push_back(OpensslSpeedSha256(seconds / kSlices, 64));
    reused32.push_back(ReusedContextSha256(seconds / kSlices, 32));
    reused64.push_back(ReusedContextSha256(seconds / kSlices, 64));
  }
  const double rate = Median(labels);
  out["labels_per_s"] = Round(rate);
  out["sha256_in_labels_per_s"] = Round(rate * node::posw::kLabelHashNesting);
  out["openssl_speed_sha256_per_s_32B"] = Round(Median(speed32));
  out["openssl_speed_sha256_per_s_64B"] = Round(Median(speed64));
  out["reused_ctx_sha256_per_s_32B"] = Round(Median(reused32));
  out["reused_ctx_sha256_per_s_64B"] = Round(Median(reused64));
  out["labels_vs_openssl_speed"] = Round(rate / LabelCeiling(Median(speed32), Median(speed64)));
  out["labels_vs_reused_ctx"] = Round(rate / LabelCeiling(Median(reused32), Median(reused64)));

  // (b) and (c): one round per size, its proof verified `runs` times.
  for (uint64_t n : leaves) {
    node::posw::Prover prover(statement);
    const std::atomic<bool> stop{false};
    auto start = Clock::now();
    prover.RunUntil(std::chrono::system_clock::time_point::max(), n, stop);
    const double build_s = Seconds(Clock::now() - start).count();
    start = Clock::now();
    auto proof = prover.Prove();
    const double prove_ms = Seconds(Clock::now() - start).count() * 1000;
    if (!proof.ok()) {
      std::fprintf(stderr, "prove %llu leaves: %s\n", static_cast<unsigned long long>(n),
                   proof.status().ToString().c_str());
      return 1;
    }
    std::vector<double> verify_ms;
    for (int r = 0; r < runs; ++r) {
      start = Clock::now();
      const base::Status verified = node::posw::Verify(*proof, statement);
      verify_ms.push_back(Seconds(Clock::now() - start).count() * 1000);
      if (!verified.ok()) {
        std::fprintf(stderr, "verify %llu leaves: %s\n", static_cast<unsigned long long>(n),
                     verified.ToString().c_str());
        return 1;
      }
    }
    out["rounds"].push_back({{"leaves", n},
                             {"build_s", Round(build_s)},
                             {"prover_leaves_per_s", Round(n / build_s)},
                             {"prove_ms", Round(prove_ms)},
                             {"proof_nodes", proof->proof_nodes.size()},
                             {"verify_ms_median", Round(Median(verify_ms))},
                             {"verify_ms_min", Round(*std::min_element(verify_ms.begin(), verify_ms.end()))}});
  }
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
