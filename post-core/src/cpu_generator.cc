#include <algorithm>
#include <thread>
#include <vector>

#include "post/initialize.h"
#include "post/labels.h"

namespace post {
namespace {

class CpuGenerator : public LabelGenerator {
 public:
  CpuGenerator(const base::Hash32& commitment, uint32_t scrypt_n, uint32_t threads)
      : commitment_(commitment),
        scrypt_n_(scrypt_n),
        threads_(threads ? threads : std::max(1u, std::thread::hardware_concurrency())) {}

  base::Status Generate(uint64_t first, size_t count, uint8_t* labels, const FullLabel& below,
                        std::optional<VrfNonce>* best) override {
    std::vector<std::optional<VrfNonce>> found(threads_);
    auto work = [&](uint32_t t) {
      const size_t begin = count * t / threads_, end = count * (t + 1) / threads_;
      if (begin == end) return;
      std::vector<uint8_t> full((end - begin) * 32);
      ComputeLabels(commitment_, scrypt_n_, first + begin, end - begin, labels + begin * 16, full.data());
      for (size_t i = 0; i < end - begin; ++i) {
        VrfNonce candidate{first + begin + i, {}};
        std::copy_n(full.data() + i * 32, 32, candidate.label.begin());
        if (candidate.label < below) found[t] = BetterNonce(found[t], candidate);
      }
    };
    std::vector<std::thread> workers;
    for (uint32_t t = 1; t < threads_; ++t) workers.emplace_back(work, t);
    work(0);
    for (auto& w : workers) w.join();
    best->reset();
    for (const auto& f : found) *best = BetterNonce(*best, f);
    return base::Status::Ok();
  }

  size_t BatchLabels() const override {
    // About a second of work (~1000 labels/s per core at N = 8192), at most 64 Ki labels.
    const size_t per_thread = std::clamp<size_t>((size_t(1) << 23) / scrypt_n_, 32, 1 << 16);
    return per_thread * threads_;
  }

  std::string Name() const override { return "[CPU] scrypt-jane"; }

 private:
  const base::Hash32 commitment_;
  const uint32_t scrypt_n_;
  const uint32_t threads_;
};

}  // namespace

std::unique_ptr<LabelGenerator> MakeCpuGenerator(const base::Hash32& commitment, uint32_t scrypt_n, uint32_t threads) {
  return std::make_unique<CpuGenerator>(commitment, scrypt_n, threads);
}

std::optional<VrfNonce> BetterNonce(const std::optional<VrfNonce>& a, const std::optional<VrfNonce>& b) {
  if (!a) return b;
  if (!b) return a;
  if (b->label < a->label || (b->label == a->label && b->index < a->index)) return b;
  return a;
}

}  // namespace post
