// Proof verification, in the reference's order: metadata range, k2pow, indices length, then the
// chosen labels recomputed and checked against the difficulty.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "post/k2pow.h"
#include "post/prove.h"

namespace post {

struct ProofMetadata {
  base::Hash32 node_id{};
  base::Hash32 commitment_atx_id{};
  base::Hash32 challenge{};
  uint32_t num_units = 0;
  uint64_t labels_per_unit = 0;
};

struct VerifyParams {
  ProofParams proof;
  uint32_t scrypt_n = 8192;
  uint32_t min_num_units = 1;
  uint32_t max_num_units = UINT32_MAX;
  uint64_t labels_per_unit = 0;  // the network's; 0 accepts the metadata's value
};

// Which of the proof's k2 indices to check.
struct VerifyMode {
  enum class Kind { kAll, kOne, kSubset } kind = Kind::kAll;
  size_t index = 0;           // kOne: position in the proof
  uint32_t k3 = 0;            // kSubset: how many
  std::vector<uint8_t> seed;  // kSubset: picker seed (the node's peer id on the network)

  static VerifyMode All() { return {}; }
  static VerifyMode One(size_t index) { return {Kind::kOne, index, 0, {}}; }
  static VerifyMode Subset(uint32_t k3, std::vector<uint8_t> seed) { return {Kind::kSubset, 0, k3, std::move(seed)}; }
};

// Holds one RandomX VM; use one Verifier per thread.
class Verifier {
 public:
  static base::Result<std::unique_ptr<Verifier>> Create(std::shared_ptr<const RandomX> randomx);

  // OK, or kInvalidProof with a message starting with the reason: "num units out of range",
  // "nonce group out of bounds", "invalid k2pow", "invalid indices length",
  // "index fails difficulty" (naming the index, msb/lsb, expected vs got).
  base::Status Verify(const Proof& proof, const ProofMetadata& meta, const VerifyParams& params,
                      const VerifyMode& mode = VerifyMode::All());

 private:
  Verifier(std::shared_ptr<const RandomX> randomx, RandomX::Vm vm) : randomx_(std::move(randomx)), vm_(std::move(vm)) {}
  std::shared_ptr<const RandomX> randomx_;
  RandomX::Vm vm_;
};

}  // namespace post
