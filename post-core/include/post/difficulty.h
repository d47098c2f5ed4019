// Proving and k2pow difficulty arithmetic.
#pragma once

#include <cstdint>
#include <optional>

#include "base/bytes.h"

namespace post {

// floor(2^64 * k1 / num_labels); nullopt when num_labels == 0 or num_labels <= k1.
std::optional<uint64_t> ProvingDifficulty(uint32_t k1, uint64_t num_labels);

// The 64-bit difficulty split for the scan: the first AES output byte is compared with msb,
// and on equality the lazy per-nonce cipher's 56-bit value with lsb.
struct SplitDifficulty {
  uint8_t msb;
  uint64_t lsb;
};
inline SplitDifficulty Split(uint64_t difficulty) {
  return {uint8_t(difficulty >> 56), difficulty & 0x00FF'FFFF'FFFF'FFFFULL};
}

// The k2pow target for num_units: the 256-bit big-endian difficulty divided by num_units.
base::Hash32 ScalePowDifficulty(const base::Hash32& difficulty, uint32_t num_units);

// The VRF-nonce target of initialization: (2^256 / total_labels) << 3, big-endian.
base::Hash32 VrfDifficulty(uint64_t total_labels);

}  // namespace post
