// k2pow: the RandomX proof of work that each nonce group of a proof carries. RandomX runs in its
// default configuration with the key "spacemesh-randomx-cache-key".
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "base/bytes.h"
#include "base/status.h"

struct randomx_vm;  // from randomx.h

namespace post {

enum class RandomXMode { kFast, kLight };  // fast: 2 GiB dataset; light: 256 MiB cache only

// The RandomX cache (and in fast mode the dataset) for the Spacemesh key. Thread-safe to share;
// each thread hashes through its own Vm.
class RandomX {
 public:
  // Builds the dataset with init_threads threads (0 = all cores) in fast mode.
  static base::Result<std::shared_ptr<RandomX>> Create(RandomXMode mode, uint32_t init_threads = 0);
  ~RandomX();
  RandomX(const RandomX&) = delete;
  RandomX& operator=(const RandomX&) = delete;

  class Vm {
   public:
    ~Vm();
    Vm(Vm&& other) noexcept;
    base::Hash32 Hash(const uint8_t* input, size_t len);
    ::randomx_vm* raw() { return static_cast<::randomx_vm*>(vm_); }

   private:
    friend class RandomX;
    explicit Vm(void* vm) : vm_(vm) {}
    void* vm_;
  };
  base::Result<Vm> CreateVm() const;

 private:
  RandomX() = default;
  int flags_ = 0;
  void* cache_ = nullptr;
  void* dataset_ = nullptr;
};

// RandomX input: u64_le(pow)[0..7] || group || challenge[0..8] || node_id.
std::array<uint8_t, 48> K2PowInput(uint64_t pow, uint8_t group, const base::Hash32& challenge,
                                   const base::Hash32& node_id);

// True when RandomX(input) < difficulty, both as big-endian numbers.
bool K2PowValid(RandomX::Vm& vm, uint64_t pow, uint8_t group, const base::Hash32& challenge,
                const base::Hash32& node_id, const base::Hash32& difficulty);

// Finds any pow below 2^56 that is valid, spreading the search over `threads` threads
// (0 = all cores). Aborted when *stop becomes true. Adds the hashes computed to *hashes
// (if given) every 64 hashes per thread, for progress reports and profiling.
base::Result<uint64_t> SolveK2Pow(const RandomX& randomx, uint8_t group, const base::Hash32& challenge,
                                  const base::Hash32& node_id, const base::Hash32& difficulty, uint32_t threads,
                                  const std::atomic<bool>* stop = nullptr, std::atomic<uint64_t>* hashes = nullptr);

}  // namespace post
