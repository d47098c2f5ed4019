// AES-NI scan kernel; this file is compiled with -maes -msse4.1.
#include "post/scan.h"

#include <immintrin.h>

namespace post {

PassScanner::PassScanner(const Hash32& challenge, uint32_t nonce_start,
                         std::span<const uint64_t> pows, uint64_t difficulty)
    : nonce_start_(nonce_start), difficulty_(Split(difficulty)) {
  const uint32_t first_group = nonce_start / 16;
  for (size_t g = 0; g < pows.size(); ++g) {
    const uint32_t group = first_group + uint32_t(g);
    groups_.push_back(GroupCipher(challenge, group, pows[g]));
    for (uint32_t o = 0; o < 16; ++o) {
      lazy_.push_back(LazyCipher(challenge, group, pows[g], group * 16 + o));
    }
  }
}

void PassScanner::ScanChunk(const uint8_t* chunk, size_t group, uint16_t masks[8],
                            uint16_t ties[8]) const {
  const __m128i* rk = reinterpret_cast<const __m128i*>(groups_[group].round_keys);
  const __m128i* in = reinterpret_cast<const __m128i*>(chunk);
  __m128i b[8];
  for (int l = 0; l < 8; ++l) b[l] = _mm_xor_si128(_mm_loadu_si128(in + l), rk[0]);
  for (int r = 1; r < 10; ++r) {
    const __m128i k = rk[r];
    for (int l = 0; l < 8; ++l) b[l] = _mm_aesenc_si128(b[l], k);
  }
  const __m128i msb = _mm_set1_epi8(char(difficulty_.msb));
  // Unsigned byte < msb  <=>  max(byte, msb) != byte; computed as !(max == byte).
  for (int l = 0; l < 8; ++l) {
    const __m128i out = _mm_aesenclast_si128(b[l], rk[10]);
    const __m128i at_least = _mm_cmpeq_epi8(_mm_max_epu8(out, msb), out);
    const __m128i equal = _mm_cmpeq_epi8(out, msb);
    const uint16_t tie = uint16_t(_mm_movemask_epi8(equal));
    masks[l] = uint16_t(~_mm_movemask_epi8(at_least)) | tie;
    ties[l] = tie;
  }
}

}  // namespace post
