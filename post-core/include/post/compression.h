// Proof index packing: each index in bit_length(num_labels) bits, least significant bit first.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace post {

// Bits needed for values below n: floor(log2(n)) + 1, and 0 for n == 0.
uint32_t RequiredBits(uint64_t n);

std::vector<uint8_t> CompressIndices(std::span<const uint64_t> indices, uint32_t bits);
// Reads `count` indices; the caller has checked that `packed` is long enough.
std::vector<uint64_t> DecompressIndices(std::span<const uint8_t> packed, uint32_t bits, size_t count);

// ceil(bits * k2 / 8): the length of a proof's packed indices.
inline size_t ExpectedIndicesBytes(uint32_t bits, uint32_t k2) { return (uint64_t(bits) * k2 + 7) / 8; }

}  // namespace post
