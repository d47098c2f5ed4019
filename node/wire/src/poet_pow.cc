#include "node/wire/poet_pow.h"

#include <string>
#include <vector>

#include "node/wire/ripemd256.h"

namespace node::wire {
namespace {

// The hash input with 8 trailing bytes for the nonce.
std::vector<uint8_t> PowInput(std::span<const uint8_t> pow_challenge, const base::Hash32& node_id,
                              std::span<const uint8_t> poet_challenge) {
  std::vector<uint8_t> input(pow_challenge.begin(), pow_challenge.end());
  input.insert(input.end(), node_id.begin(), node_id.end());
  input.insert(input.end(), poet_challenge.begin(), poet_challenge.end());
  input.resize(input.size() + 8);
  return input;
}

std::array<uint8_t, 32> HashNonce(std::vector<uint8_t>& input, uint64_t nonce) {
  for (int i = 0; i < 8; ++i) input[input.size() - 8 + i] = static_cast<uint8_t>(nonce >> (8 * i));
  return Ripemd256Hash(input);
}

}  // namespace

std::array<uint8_t, 32> PowHash(std::span<const uint8_t> pow_challenge, const base::Hash32& node_id,
                                std::span<const uint8_t> poet_challenge, uint64_t nonce) {
  std::vector<uint8_t> input = PowInput(pow_challenge, node_id, poet_challenge);
  return HashNonce(input, nonce);
}

bool HasLeadingZeroBits(std::span<const uint8_t> data, uint32_t bits) {
  if (data.size() * 8 < bits) return false;
  for (uint32_t i = 0; i < bits / 8; ++i) {
    if (data[i] != 0) return false;
  }
  return bits % 8 == 0 || (data[bits / 8] >> (8 - bits % 8)) == 0;
}

base::Result<uint64_t> FindPowNonce(std::span<const uint8_t> pow_challenge, const base::Hash32& node_id,
                                    std::span<const uint8_t> poet_challenge, uint32_t difficulty,
                                    const std::atomic<bool>& stop) {
  std::vector<uint8_t> input = PowInput(pow_challenge, node_id, poet_challenge);
  for (uint64_t nonce = 0;; ++nonce) {
    if (stop.load(std::memory_order_relaxed)) {
      return base::Status::Aborted("poet pow: stopped after " + std::to_string(nonce) + " nonces");
    }
    if (HasLeadingZeroBits(HashNonce(input, nonce), difficulty)) return nonce;
  }
}

}  // namespace node::wire
