#include <cstring>
#include <vector>

#include "romix.h"

namespace post::romix {
namespace {

inline uint32_t Rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

#define SM_QUARTER(a, b, c, d) \
  a += b;                      \
  d = Rotl(d ^ a, 16);         \
  c += d;                      \
  b = Rotl(b ^ c, 12);         \
  a += b;                      \
  d = Rotl(d ^ a, 8);          \
  c += d;                      \
  b = Rotl(b ^ c, 7)

// state = ChaCha20/8 permutation of state, plus state (the scrypt "H").
void ChaCha8(uint32_t s[16]) {
  uint32_t x[16];
  std::memcpy(x, s, sizeof(x));
  for (int i = 0; i < 4; ++i) {
    SM_QUARTER(x[0], x[4], x[8], x[12]);
    SM_QUARTER(x[1], x[5], x[9], x[13]);
    SM_QUARTER(x[2], x[6], x[10], x[14]);
    SM_QUARTER(x[3], x[7], x[11], x[15]);
    SM_QUARTER(x[0], x[5], x[10], x[15]);
    SM_QUARTER(x[1], x[6], x[11], x[12]);
    SM_QUARTER(x[2], x[7], x[8], x[13]);
    SM_QUARTER(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; ++i) s[i] += x[i];
}
#undef SM_QUARTER

// out = BlockMix(in ^ xor_with); xor_with may be null. Even sub-blocks go to the first half of
// the output, odd ones to the second.
void BlockMix(const uint32_t* in, const uint32_t* xor_with, uint32_t* out, uint32_t r) {
  uint32_t t[16];
  const size_t last = (2 * r - 1) * 16;
  for (int w = 0; w < 16; ++w) t[w] = in[last + w] ^ (xor_with ? xor_with[last + w] : 0);
  for (uint32_t i = 0; i < 2 * r; ++i) {
    for (int w = 0; w < 16; ++w) t[w] ^= in[i * 16 + w] ^ (xor_with ? xor_with[i * 16 + w] : 0);
    ChaCha8(t);
    uint32_t* dst = out + ((i & 1) ? (r + i / 2) : (i / 2)) * 16;
    std::memcpy(dst, t, sizeof(t));
  }
}

}  // namespace

void RomixScalar(uint32_t* x, uint32_t* v, uint64_t n, uint32_t r) {
  const size_t words = kWords * r;
  std::memcpy(v, x, words * 4);
  for (uint64_t i = 0; i + 1 < n; ++i) BlockMix(v + i * words, nullptr, v + (i + 1) * words, r);
  std::vector<uint32_t> y(words);
  BlockMix(v + (n - 1) * words, nullptr, x, r);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t j = x[words - 16] & (n - 1);
    BlockMix(x, v + j * words, y.data(), r);
    std::memcpy(x, y.data(), words * 4);
  }
}

}  // namespace post::romix
