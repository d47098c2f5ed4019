#include "post/k2pow.h"

#include "huge_pages.h"

#include <randomx.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace post {
namespace {

constexpr std::string_view kCacheKey = "spacemesh-randomx-cache-key";
constexpr size_t kCacheBytes = size_t(256) << 20;  // RandomX's default Argon2 memory

uint32_t ResolveThreads(uint32_t threads) {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

base::Result<std::shared_ptr<RandomX>> RandomX::Create(RandomXMode mode, uint32_t init_threads) {
  std::shared_ptr<RandomX> rx(new RandomX());
  randomx_flags flags = randomx_get_flags();
  if (mode == RandomXMode::kFast) flags |= RANDOMX_FLAG_FULL_MEM;
  rx->flags_ = flags;
  // librandomx keeps its cache memory to itself, so its fresh mapping is found and advised.
  randomx_cache* cache = nullptr;
  huge_pages::AdviseNewMappings([&] { cache = randomx_alloc_cache(flags); }, kCacheBytes);
  if (!cache) return base::Status::IoError("RandomX: cannot allocate the 256 MiB cache");
  rx->cache_ = cache;
  randomx_init_cache(cache, kCacheKey.data(), kCacheKey.size());
  if (mode == RandomXMode::kLight) return rx;

  auto* dataset = randomx_alloc_dataset(flags);
  if (!dataset) return base::Status::IoError("RandomX: cannot allocate the 2 GiB dataset (fast mode)");
  rx->dataset_ = dataset;
  const unsigned long items = randomx_dataset_item_count();
  huge_pages::Advise(randomx_get_dataset_memory(dataset), items * RANDOMX_DATASET_ITEM_SIZE);
  const uint32_t threads = ResolveThreads(init_threads);
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < threads; ++t) {
    const unsigned long begin = items * t / threads, end = items * (t + 1) / threads;
    workers.emplace_back([=] { randomx_init_dataset(dataset, cache, begin, end - begin); });
  }
  for (auto& w : workers) w.join();
  return rx;
}

RandomX::~RandomX() {
  if (dataset_) randomx_release_dataset(static_cast<randomx_dataset*>(dataset_));
  if (cache_) randomx_release_cache(static_cast<randomx_cache*>(cache_));
}

base::Result<RandomX::Vm> RandomX::CreateVm() const {
  auto* vm =
      randomx_create_vm(static_cast<randomx_flags>(flags_), dataset_ ? nullptr : static_cast<randomx_cache*>(cache_),
                        static_cast<randomx_dataset*>(dataset_));
  if (!vm) return base::Status::IoError("RandomX: cannot create a virtual machine");
  return Vm(vm);
}

RandomX::Vm::~Vm() {
  if (vm_) randomx_destroy_vm(static_cast<randomx_vm*>(vm_));
}

RandomX::Vm::Vm(Vm&& other) noexcept : vm_(other.vm_) { other.vm_ = nullptr; }

base::Hash32 RandomX::Vm::Hash(const uint8_t* input, size_t len) {
  base::Hash32 out;
  randomx_calculate_hash(static_cast<randomx_vm*>(vm_), input, len, out.data());
  return out;
}

std::array<uint8_t, 48> K2PowInput(uint64_t pow, uint8_t group, const base::Hash32& challenge,
                                   const base::Hash32& node_id) {
  std::array<uint8_t, 48> in;
  for (int i = 0; i < 7; ++i) in[i] = uint8_t(pow >> (8 * i));
  in[7] = group;
  std::memcpy(in.data() + 8, challenge.data(), 8);
  std::memcpy(in.data() + 16, node_id.data(), 32);
  return in;
}

bool K2PowValid(RandomX::Vm& vm, uint64_t pow, uint8_t group, const base::Hash32& challenge,
                const base::Hash32& node_id, const base::Hash32& difficulty) {
  const auto input = K2PowInput(pow, group, challenge, node_id);
  return vm.Hash(input.data(), input.size()) < difficulty;  // lexicographic = big-endian
}

base::Result<uint64_t> SolveK2Pow(const RandomX& randomx, uint8_t group, const base::Hash32& challenge,
                                  const base::Hash32& node_id, const base::Hash32& difficulty, uint32_t threads,
                                  const std::atomic<bool>* stop, std::atomic<uint64_t>* hashes) {
  threads = ResolveThreads(threads);
  std::vector<RandomX::Vm> vms;
  for (uint32_t t = 0; t < threads; ++t) {
    auto vm = randomx.CreateVm();
    if (!vm.ok()) return vm.status();
    vms.push_back(std::move(vm).value());
  }
  constexpr uint64_t kLimit = uint64_t(1) << 56;
  std::atomic<bool> found{false};
  std::mutex mu;
  std::optional<uint64_t> result;
  // Each thread hashes pow = t, t + threads, ... through RandomX's pipelined API, which hashes
  // the next input while finishing the current one.
  auto search = [&](uint32_t t) {
    auto* vm = vms[t].raw();
    auto input = K2PowInput(t, group, challenge, node_id);
    auto set_pow = [&input](uint64_t pow) {
      for (int i = 0; i < 7; ++i) input[i] = uint8_t(pow >> (8 * i));
    };
    randomx_calculate_hash_first(vm, input.data(), input.size());
    base::Hash32 hash;
    uint64_t since_check = 0;
    for (uint64_t pow = t; pow < kLimit; pow += threads) {
      const uint64_t next = pow + threads;
      set_pow(next < kLimit ? next : pow);
      randomx_calculate_hash_next(vm, input.data(), input.size(), hash.data());
      if (hash < difficulty) {
        std::lock_guard lock(mu);
        if (!result || pow < *result) result = pow;
        found = true;
        break;
      }
      if (++since_check == 64) {
        if (hashes) hashes->fetch_add(since_check, std::memory_order_relaxed);
        since_check = 0;
        if (found.load(std::memory_order_relaxed) || (stop && stop->load(std::memory_order_relaxed))) {
          break;
        }
      }
    }
    // Finish the pipeline so the VM can be reused.
    randomx_calculate_hash_last(vm, hash.data());
    if (hashes) hashes->fetch_add(since_check, std::memory_order_relaxed);
  };
  std::vector<std::thread> workers;
  for (uint32_t t = 1; t < threads; ++t) workers.emplace_back(search, t);
  search(0);
  for (auto& w : workers) w.join();
  if (result) return *result;
  if (stop && stop->load()) return base::Status::Aborted("k2pow search stopped");
  return base::Status::NotFound("no k2pow below 2^56 meets the difficulty");
}

}  // namespace post
