#include "post/prove.h"

#include <pthread.h>
#include <sched.h>

#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "post/compression.h"
#include "post/difficulty.h"
#include "post/layout.h"
#include "post/metadata.h"
#include "post/reader.h"
#include "post/scan.h"

namespace post {
namespace {

// Collects hits per nonce; the first nonce to reach k2 wins.
class HitCollector {
 public:
  explicit HitCollector(uint32_t k2) : k2_(k2) {}

  // Adds a batch's hits in order; returns true once a winner exists.
  bool Add(const std::vector<ScanHit>& hits) {
    std::lock_guard lock(mu_);
    for (auto [nonce, index] : hits) {
      if (winner_) break;
      auto& list = per_nonce_[nonce];
      list.push_back(index);
      if (list.size() == k2_) winner_ = nonce;
    }
    return winner_.has_value();
  }

  std::optional<std::pair<uint32_t, std::vector<uint64_t>>> Winner() {
    std::lock_guard lock(mu_);
    if (!winner_) return std::nullopt;
    return std::make_pair(*winner_, per_nonce_[*winner_]);
  }

 private:
  const uint32_t k2_;
  std::mutex mu_;
  std::unordered_map<uint32_t, std::vector<uint64_t>> per_nonce_;
  std::optional<uint32_t> winner_;
};

base::Status PinCurrentThread(int core) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(core, &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0) {
    return base::Status::InvalidArgument("cannot pin a proving thread to core " + std::to_string(core));
  }
  return base::Status::Ok();
}

}  // namespace

base::Status ValidateProvingOptions(const ProvingOptions& options) {
  if (options.nonces == 0 || options.nonces % 16 != 0 || options.nonces > kMaxNonces) {
    return base::Status::InvalidArgument("nonces must be a positive multiple of 16 and at most 4096, got " +
                                         std::to_string(options.nonces));
  }
  if (options.batch_bytes < 128 || options.batch_bytes % 128 != 0) {
    return base::Status::InvalidArgument("batch size must be a positive multiple of 128 bytes");
  }
  return base::Status::Ok();
}

base::Result<Proof> GenerateProof(const std::filesystem::path& dir, const base::Hash32& challenge,
                                  const ProofParams& params, const ProvingOptions& options, const RandomX& randomx,
                                  ProvingObserver* observer, const std::atomic<bool>* stop) {
  if (base::Status s = ValidateProvingOptions(options); !s.ok()) return s;
  auto meta = LoadMetadata(dir);
  if (!meta.ok()) return meta.status();
  if (base::Status s = CheckDataFiles(dir, *meta); !s.ok()) return s;
  const uint64_t num_labels = meta->total_labels();
  const auto difficulty = ProvingDifficulty(params.k1, num_labels);
  if (!difficulty) {
    return base::Status::InvalidArgument("k1 = " + std::to_string(params.k1) + " needs more than " +
                                         std::to_string(num_labels) + " labels");
  }
  const base::Hash32 pow_target = ScalePowDifficulty(params.pow_difficulty, meta->num_units);
  auto reader = DataReader::Open(dir, *meta, options.batch_bytes);
  if (!reader.ok()) return reader.status();

  const uint32_t threads = !options.pinned_cores.empty() ? uint32_t(options.pinned_cores.size())
                           : options.threads             ? options.threads
                                                         : std::max(1u, std::thread::hardware_concurrency());
  auto stopped = [stop] { return stop && stop->load(std::memory_order_relaxed); };

  for (uint32_t start = 0; start + options.nonces <= kMaxNonces; start += options.nonces) {
    const uint32_t end = start + options.nonces;
    if (observer) observer->K2PowStarted(start, end);
    std::vector<uint64_t> pows;
    for (uint32_t group = start / 16; group < end / 16; ++group) {
      auto pow = SolveK2Pow(randomx, uint8_t(group), challenge, meta->node_id, pow_target, threads, stop);
      if (!pow.ok()) return pow.status();
      pows.push_back(*pow);
    }

    const PassScanner scanner(challenge, start, pows, *difficulty, options.scan_kernel);
    HitCollector collector(params.k2);
    std::atomic<bool> done{false};
    std::mutex error_mu;
    base::Status error;
    (*reader)->Rewind();
    if (observer) observer->PassStarted(start, end);

    auto work = [&](uint32_t t) {
      if (!options.pinned_cores.empty()) {
        if (base::Status s = PinCurrentThread(options.pinned_cores[t]); !s.ok()) {
          std::lock_guard lock(error_mu);
          error = s;
          done = true;
          return;
        }
      }
      std::span<const uint8_t> buf;
      std::vector<ScanHit> hits;
      uint64_t pos = 0;
      while (!done.load(std::memory_order_relaxed) && !stopped()) {
        auto more = (*reader)->Next(&buf, &pos);
        if (!more.ok()) {
          std::lock_guard lock(error_mu);
          error = more.status();
          done = true;
          return;
        }
        if (!*more) return;
        hits.clear();
        scanner.Scan(buf, pos / 16, &hits);
        if (!hits.empty() && collector.Add(hits)) done = true;
        if (observer) observer->ChunkScanned(pos, buf.size());
      }
    };
    std::vector<std::thread> workers;
    for (uint32_t t = 1; t < threads; ++t) workers.emplace_back(work, t);
    work(0);
    for (auto& w : workers) w.join();

    if (!error.ok()) return error;
    if (stopped()) return base::Status::Aborted("proving stopped");
    if (auto winner = collector.Winner()) {
      Proof proof;
      proof.nonce = winner->first;
      proof.pow = pows[winner->first / 16 - start / 16];
      proof.indices = CompressIndices(winner->second, RequiredBits(num_labels));
      return proof;
    }
  }
  return base::Status::NotFound("no nonce below 4096 collected k2 = " + std::to_string(params.k2) +
                                " labels; the data or parameters are wrong");
}

}  // namespace post
