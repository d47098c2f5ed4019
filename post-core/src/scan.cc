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

namespace {

// A label whose first byte for a nonce equals the difficulty's: the nonce's own cipher decides.
struct Tie {
  const uint8_t* label;
  const AesKey* lazy;
  uint32_t nonce;
  uint64_t index;
};

// Settles up to 8 ties at once: eight independent AES chains hide the instruction latency that
// one block at a time would expose (ties are 1 in 16 labels per group on mainnet).
void SettleTies(const Tie* ties, size_t n, uint64_t lsb, std::vector<ScanHit>* hits) {
  if (n == 0) return;
  __m128i b[8];
  for (size_t i = 0; i < 8; ++i) {
    const Tie& t = ties[i < n ? i : 0];
    b[i] = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.label)),
                         _mm_load_si128(reinterpret_cast<const __m128i*>(t.lazy->round_keys[0])));
  }
  for (int r = 1; r < 10; ++r) {
    for (size_t i = 0; i < 8; ++i) {
      const Tie& t = ties[i < n ? i : 0];
      b[i] = _mm_aesenc_si128(b[i], _mm_load_si128(reinterpret_cast<const __m128i*>(t.lazy->round_keys[r])));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    b[i] = _mm_aesenclast_si128(b[i], _mm_load_si128(reinterpret_cast<const __m128i*>(ties[i].lazy->round_keys[10])));
    const uint64_t value = uint64_t(_mm_cvtsi128_si64(b[i])) & 0x00FF'FFFF'FFFF'FFFFULL;
    if (value < lsb) hits->emplace_back(ties[i].nonce, ties[i].index);
  }
}

}  // namespace

void PassScanner::Scan(std::span<const uint8_t> data, uint64_t first_index,
                       std::vector<ScanHit>* hits) const {
  const size_t before = hits->size();
  for (size_t g = 0; g < groups_.size(); ++g) ScanGroup(data, first_index, g, hits);
  // Group-major scanning and batched ties find hits out of the reference's chunk-major order;
  // hits are rare, so restoring it costs nothing measurable.
  std::sort(hits->begin() + before, hits->end(), [&](const ScanHit& a, const ScanHit& b) {
    const uint64_t ca = (a.second - first_index) / 8, cb = (b.second - first_index) / 8;
    if (ca != cb) return ca < cb;
    if (a.first / 16 != b.first / 16) return a.first / 16 < b.first / 16;
    if (a.second != b.second) return a.second < b.second;
    return a.first < b.first;
  });
}

void PassScanner::ScanGroup(std::span<const uint8_t> data, uint64_t first_index, size_t group,
                            std::vector<ScanHit>* hits) const {
  const __m128i* rk_mem = reinterpret_cast<const __m128i*>(groups_[group].round_keys);
  const __m128i k0 = rk_mem[0], k1 = rk_mem[1], k2 = rk_mem[2], k3 = rk_mem[3], k4 = rk_mem[4],
                k5 = rk_mem[5], k6 = rk_mem[6], k7 = rk_mem[7], k8 = rk_mem[8], k9 = rk_mem[9],
                k10 = rk_mem[10];
  const __m128i msb = _mm_set1_epi8(char(difficulty_.msb));
  const uint32_t first_nonce = nonce_start_ + uint32_t(group) * 16;
  const AesKey* lazy = &lazy_[group * 16];
  Tie ties[8];
  size_t tie_count = 0;
  const size_t chunks = data.size() / 128;
  for (size_t c = 0; c < chunks; ++c) {
    const __m128i* in = reinterpret_cast<const __m128i*>(data.data() + c * 128);
    __m128i b[8];
    for (int l = 0; l < 8; ++l) b[l] = _mm_xor_si128(_mm_loadu_si128(in + l), k0);
#define SM_ROUND(k) for (int l = 0; l < 8; ++l) b[l] = _mm_aesenc_si128(b[l], k)
    SM_ROUND(k1); SM_ROUND(k2); SM_ROUND(k3); SM_ROUND(k4); SM_ROUND(k5);
    SM_ROUND(k6); SM_ROUND(k7); SM_ROUND(k8); SM_ROUND(k9);
#undef SM_ROUND
    // A byte qualifies (before the tie check) when byte <= msb: min(byte, msb) == byte.
    __m128i any = _mm_setzero_si128();
    for (int l = 0; l < 8; ++l) {
      b[l] = _mm_aesenclast_si128(b[l], k10);
      any = _mm_or_si128(any, _mm_cmpeq_epi8(_mm_min_epu8(b[l], msb), b[l]));
    }
    if (_mm_movemask_epi8(any) == 0) continue;
    for (int l = 0; l < 8; ++l) {
      const uint32_t below_or_equal = uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(b[l], msb), b[l])));
      if (below_or_equal == 0) continue;
      const uint32_t equal = uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(b[l], msb)));
      const uint64_t index = first_index + c * 8 + l;
      for (uint32_t bits = below_or_equal; bits != 0; bits &= bits - 1) {
        const uint32_t o = uint32_t(__builtin_ctz(bits));
        if ((equal >> o & 1) == 0) {
          hits->emplace_back(first_nonce + o, index);
          continue;
        }
        ties[tie_count++] = {data.data() + c * 128 + l * 16, &lazy[o], first_nonce + o, index};
        if (tie_count == 8) {
          SettleTies(ties, tie_count, difficulty_.lsb, hits);
          tie_count = 0;
        }
      }
    }
  }
  SettleTies(ties, tie_count, difficulty_.lsb, hits);
}

}  // namespace post
