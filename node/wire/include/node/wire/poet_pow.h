// The PoET registration proof of work (reference/activation.md §4.3, PO shared/pow.go): find a
// nonce such that RIPEMD-256(pow_challenge || node_id || poet_challenge || LE64(nonce)) starts
// with `difficulty` zero bits.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>

#include "base/bytes.h"
#include "base/status.h"

namespace node::wire {

// The PoW hash of one nonce.
std::array<uint8_t, 32> PowHash(std::span<const uint8_t> pow_challenge, const base::Hash32& node_id,
                                std::span<const uint8_t> poet_challenge, uint64_t nonce);

// True when the first `bits` bits of `data` (most significant bit first) are zero; false when
// data is shorter than that (CheckLeadingZeroBits).
bool HasLeadingZeroBits(std::span<const uint8_t> data, uint32_t bits);

// The first solving nonce counting up from 0, as go-spacemesh searches; Aborted once `stop` is
// set.
base::Result<uint64_t> FindPowNonce(std::span<const uint8_t> pow_challenge, const base::Hash32& node_id,
                                    std::span<const uint8_t> poet_challenge, uint32_t difficulty,
                                    const std::atomic<bool>& stop);

}  // namespace node::wire
