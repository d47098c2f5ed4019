// Proof generation over a PoS data directory: passes over the data with growing nonce ranges
// until one nonce collects k2 qualifying labels.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/bytes.h"
#include "base/network.h"
#include "base/status.h"
#include "post/k2pow.h"
#include "post/scan.h"

namespace post {

inline constexpr uint32_t kMaxNonces = 4096;  // nonce groups must fit in a byte

struct ProofParams {
  uint32_t k1 = base::mainnet::kK1;
  uint32_t k2 = base::mainnet::kK2;
  base::Hash32 pow_difficulty = base::mainnet::kPowDifficulty;  // unscaled; divided by num_units per proof
};

struct Proof {
  uint32_t nonce = 0;
  std::vector<uint8_t> indices;  // packed, see compression.h
  uint64_t pow = 0;
  bool operator==(const Proof&) const = default;
};

struct ProvingOptions {
  uint32_t nonces = 128;          // per pass; a multiple of 16, at most kMaxNonces
  uint32_t threads = 1;           // 0 = all cores; ignored when pinned_cores is set
  std::vector<int> pinned_cores;  // one thread per listed core
  size_t batch_bytes = 1 << 20;   // read size per thread
  ScanKernel scan_kernel = ScanKernel::kAuto;
};

// Callbacks from the proving threads; implementations must be thread-safe.
class ProvingObserver {
 public:
  virtual ~ProvingObserver() = default;
  virtual void K2PowStarted(uint32_t nonce_start, uint32_t nonce_end) {}
  virtual void PassStarted(uint32_t nonce_start, uint32_t nonce_end) {}
  // A batch of `len` bytes at global byte position `pos` has been scanned.
  virtual void ChunkScanned(uint64_t pos, uint64_t len) {}
};

base::Status ValidateProvingOptions(const ProvingOptions& options);

// Proves `challenge` over the data in `dir` (metadata and files are checked first). The stop
// flag aborts promptly with Status::Aborted.
base::Result<Proof> GenerateProof(const std::filesystem::path& dir, const base::Hash32& challenge,
                                  const ProofParams& params, const ProvingOptions& options, const RandomX& randomx,
                                  ProvingObserver* observer = nullptr, const std::atomic<bool>* stop = nullptr);

}  // namespace post
