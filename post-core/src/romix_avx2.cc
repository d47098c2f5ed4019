// AVX2 ROMix: 8 lanes per register, two groups (16 labels) per call.
#include <immintrin.h>

#include <cstdint>

#include "romix.h"

namespace post::romix {
namespace {

struct Isa {
  using V = __m256i;
  static constexpr int kLanes = 8;
  static V Load(const uint32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const V*>(p)); }
  static void Store(uint32_t* p, V v) { _mm256_storeu_si256(reinterpret_cast<V*>(p), v); }
  static V Set1(uint32_t x) { return _mm256_set1_epi32(int(x)); }
  static V Add(V a, V b) { return _mm256_add_epi32(a, b); }
  static V Xor(V a, V b) { return _mm256_xor_si256(a, b); }
  static V And(V a, V b) { return _mm256_and_si256(a, b); }
  template <int n>
  static V Rotl(V a) {
    if constexpr (n == 16) {
      return _mm256_shuffle_epi8(a, _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1,
                                                     6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
    } else if constexpr (n == 8) {
      return _mm256_shuffle_epi8(a, _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3, 0, 1, 2,
                                                     7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14));
    } else {
      return _mm256_or_si256(_mm256_slli_epi32(a, n), _mm256_srli_epi32(a, 32 - n));
    }
  }

  // 8x8 transpose of 32-bit words.
  static void Transpose(V r[8]) {
    V t[8], u[8];
    for (int i = 0; i < 8; i += 2) {
      t[i] = _mm256_unpacklo_epi32(r[i], r[i + 1]);
      t[i + 1] = _mm256_unpackhi_epi32(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
      u[i] = _mm256_unpacklo_epi64(t[i], t[i + 2]);
      u[i + 1] = _mm256_unpackhi_epi64(t[i], t[i + 2]);
      u[i + 2] = _mm256_unpacklo_epi64(t[i + 1], t[i + 3]);
      u[i + 3] = _mm256_unpackhi_epi64(t[i + 1], t[i + 3]);
    }
    for (int e = 0; e < 4; ++e) {
      r[e] = _mm256_permute2x128_si256(u[e], u[4 + e], 0x20);
      r[4 + e] = _mm256_permute2x128_si256(u[e], u[4 + e], 0x31);
    }
  }
};
using V = Isa::V;

#include "romix_lanes.inc"

}  // namespace

void RomixAvx2(uint32_t* x, uint32_t* v, uint32_t n, int groups) {
  if (groups == 1) {
    RomixLanes<1>(x, v, n);
  } else {
    RomixLanes<2>(x, v, n);
  }
}

}  // namespace post::romix
