// SSE4.1 scan kernel (any x86-64 with AES-NI); compiled with -maes -msse4.1.
#include <immintrin.h>

#include "scan_masks.h"

namespace post::scan {
namespace {

struct Isa {
  static void Compare(__m128i b, __m128i m, uint16_t* le, uint16_t* eq) {
    // byte <= msb exactly when min(byte, msb) == byte.
    *le = uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(b, m), b)));
    *eq = uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(b, m)));
  }
  static void CompareZero(__m128i b, uint16_t* le, uint16_t* eq) {
    *le = *eq = uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_setzero_si128())));
  }
};

}  // namespace

#define SM_SCAN_MASKS MasksSse
#include "scan_masks.inc"
#undef SM_SCAN_MASKS

size_t SelectSse(const uint16_t* masks, size_t count, uint32_t* selected) {
  size_t n = 0;
  const __m128i zero = _mm_setzero_si128();
  for (size_t i = 0; i < count; i += 16) {
    const __m128i* p = reinterpret_cast<const __m128i*>(masks + i);
    // Words equal to zero become 0xFF bytes after packing; the inverse marks nonzero ones.
    const __m128i packed =
        _mm_packs_epi16(_mm_cmpeq_epi16(_mm_loadu_si128(p), zero), _mm_cmpeq_epi16(_mm_loadu_si128(p + 1), zero));
    for (uint32_t bits = ~uint32_t(_mm_movemask_epi8(packed)) & 0xFFFF; bits != 0; bits &= bits - 1) {
      selected[n++] = uint32_t(i) + uint32_t(__builtin_ctz(bits));
    }
  }
  return n;
}

}  // namespace post::scan
