#include "post/compression.h"

namespace post {

uint32_t RequiredBits(uint64_t n) { return n == 0 ? 0 : 64 - __builtin_clzll(n); }

std::vector<uint8_t> CompressIndices(std::span<const uint64_t> indices, uint32_t bits) {
  std::vector<uint8_t> out(ExpectedIndicesBytes(bits, uint32_t(indices.size())));
  uint64_t bit = 0;
  for (uint64_t value : indices) {
    for (uint32_t b = 0; b < bits; ++b, ++bit) {
      if ((value >> b) & 1) out[bit / 8] |= uint8_t(1u << (bit % 8));
    }
  }
  return out;
}

std::vector<uint64_t> DecompressIndices(std::span<const uint8_t> packed, uint32_t bits, size_t count) {
  std::vector<uint64_t> out(count);
  uint64_t bit = 0;
  for (uint64_t& value : out) {
    for (uint32_t b = 0; b < bits; ++b, ++bit) {
      value |= uint64_t((packed[bit / 8] >> (bit % 8)) & 1) << b;
    }
  }
  return out;
}

}  // namespace post
