// AVX-512 ROMix: 16 lanes per register, two groups (32 labels) per call.
#include <immintrin.h>

#include <cstdint>

#include "romix.h"

namespace post::romix {
namespace {

struct Isa {
  using V = __m512i;
  static constexpr int kLanes = 16;
  static V Load(const uint32_t* p) { return _mm512_loadu_si512(p); }
  static void Store(uint32_t* p, V v) { _mm512_storeu_si512(p, v); }
  static V Set1(uint32_t x) { return _mm512_set1_epi32(int(x)); }
  static V Add(V a, V b) { return _mm512_add_epi32(a, b); }
  static V Xor(V a, V b) { return _mm512_xor_si512(a, b); }
  static V And(V a, V b) { return _mm512_and_si512(a, b); }
  template <int n>
  static V Rotl(V a) {
    return _mm512_rol_epi32(a, n);
  }

  // 16x16 transpose of 32-bit words: pairs, then quads, then 128-bit lanes twice.
  static void Transpose(V r[16]) {
    V t[16], u[16];
    for (int i = 0; i < 16; i += 2) {
      t[i] = _mm512_unpacklo_epi32(r[i], r[i + 1]);
      t[i + 1] = _mm512_unpackhi_epi32(r[i], r[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {
      u[i] = _mm512_unpacklo_epi64(t[i], t[i + 2]);
      u[i + 1] = _mm512_unpackhi_epi64(t[i], t[i + 2]);
      u[i + 2] = _mm512_unpacklo_epi64(t[i + 1], t[i + 3]);
      u[i + 3] = _mm512_unpackhi_epi64(t[i + 1], t[i + 3]);
    }
    // u[4q + e] holds, in its 128-bit lane k, element 4k + e of rows 4q..4q+3.
    for (int e = 0; e < 4; ++e) {
      V s0 = _mm512_shuffle_i32x4(u[e], u[4 + e], 0x44);
      V s1 = _mm512_shuffle_i32x4(u[e], u[4 + e], 0xEE);
      V s2 = _mm512_shuffle_i32x4(u[8 + e], u[12 + e], 0x44);
      V s3 = _mm512_shuffle_i32x4(u[8 + e], u[12 + e], 0xEE);
      r[e] = _mm512_shuffle_i32x4(s0, s2, 0x88);
      r[4 + e] = _mm512_shuffle_i32x4(s0, s2, 0xDD);
      r[8 + e] = _mm512_shuffle_i32x4(s1, s3, 0x88);
      r[12 + e] = _mm512_shuffle_i32x4(s1, s3, 0xDD);
    }
  }
};
using V = Isa::V;

#include "romix_lanes.inc"

}  // namespace

void RomixAvx512(uint32_t* x, uint32_t* v, uint32_t n, int groups) {
  if (groups == 1) {
    RomixLanes<1>(x, v, n);
  } else {
    RomixLanes<2>(x, v, n);
  }
}

}  // namespace post::romix
