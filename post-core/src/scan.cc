// AES-NI scan kernel; this file is compiled with -maes -msse4.1.
#include "post/scan.h"

#include <immintrin.h>

#include <algorithm>

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

void PassScanner::Scan(std::span<const uint8_t> data, uint64_t first_index,
                       std::vector<ScanHit>* hits) const {
  const size_t before = hits->size();
  for (size_t g = 0; g < groups_.size(); ++g) ScanGroup(data, first_index, g, hits);
  if (groups_.size() > 1) {
    // Group-major scanning found them out of the reference's chunk-major order; hits are rare,
    // so restoring it costs nothing measurable.
    std::sort(hits->begin() + before, hits->end(), [&](const ScanHit& a, const ScanHit& b) {
      const uint64_t ca = (a.second - first_index) / 8, cb = (b.second - first_index) / 8;
      if (ca != cb) return ca < cb;
      if (a.first / 16 != b.first / 16) return a.first / 16 < b.first / 16;
      if (a.second != b.second) return a.second < b.second;
      return a.first < b.first;
    });
  }
}

void PassScanner::ScanGroup(std::span<const uint8_t> data, uint64_t first_index, size_t group,
                            std::vector<ScanHit>* hits) const {
  const __m128i* rk_mem = reinterpret_cast<const __m128i*>(groups_[group].round_keys);
  const __m128i k0 = rk_mem[0], k1 = rk_mem[1], k2 = rk_mem[2], k3 = rk_mem[3], k4 = rk_mem[4],
                k5 = rk_mem[5], k6 = rk_mem[6], k7 = rk_mem[7], k8 = rk_mem[8], k9 = rk_mem[9],
                k10 = rk_mem[10];
  const __m128i msb = _mm_set1_epi8(char(difficulty_.msb));
  const uint32_t first_nonce = nonce_start_ + uint32_t(group) * 16;
  const size_t chunks = data.size() / 128;
  for (size_t c = 0; c < chunks; ++c) {
    const __m128i* in = reinterpret_cast<const __m128i*>(data.data() + c * 128);
    __m128i b[8];
    for (int l = 0; l < 8; ++l) b[l] = _mm_xor_si128(_mm_loadu_si128(in + l), k0);
#define SM_ROUND(k) for (int l = 0; l < 8; ++l) b[l] = _mm_aesenc_si128(b[l], k)
    SM_ROUND(k1); SM_ROUND(k2); SM_ROUND(k3); SM_ROUND(k4); SM_ROUND(k5);
    SM_ROUND(k6); SM_ROUND(k7); SM_ROUND(k8); SM_ROUND(k9);
#undef SM_ROUND
    // A byte qualifies (before the lazy check) when byte <= msb: min(byte, msb) == byte.
    __m128i any = _mm_setzero_si128();
    for (int l = 0; l < 8; ++l) {
      b[l] = _mm_aesenclast_si128(b[l], k10);
      b[l] = _mm_cmpeq_epi8(_mm_min_epu8(b[l], msb), b[l]);
      any = _mm_or_si128(any, b[l]);
    }
    if (_mm_movemask_epi8(any) == 0) continue;
    for (int l = 0; l < 8; ++l) {
      const uint8_t* label = data.data() + c * 128 + l * 16;
      for (uint32_t bits = uint32_t(_mm_movemask_epi8(b[l])); bits != 0; bits &= bits - 1) {
        const uint32_t o = uint32_t(__builtin_ctz(bits));
        // Recompute the byte to tell "below" from "equal" (rare, so not worth a register).
        uint8_t out[16];
        AesEncryptBlock(groups_[group], label, out);
        if (out[o] == difficulty_.msb &&
            LazyValue(lazy_[group * 16 + o], label) >= difficulty_.lsb) {
          continue;
        }
        hits->emplace_back(first_nonce + o, first_index + c * 8 + l);
      }
    }
  }
}

}  // namespace post
