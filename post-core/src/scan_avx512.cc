// AVX-512BW/VL scan kernel; compiled with -maes -mavx512bw -mavx512vl. The AES rounds stay
// 128-bit (VEX) instructions: this kernel needs AES-NI, not VAES.
#include <immintrin.h>

#include "scan_masks.h"

namespace post::scan {
namespace {

struct Isa {
  static void Compare(__m128i b, __m128i m, uint16_t* le, uint16_t* eq) {
    _store_mask16(reinterpret_cast<__mmask16*>(le), _mm_cmple_epu8_mask(b, m));
    _store_mask16(reinterpret_cast<__mmask16*>(eq), _mm_cmpeq_epu8_mask(b, m));
  }
  static void CompareZero(__m128i b, uint16_t* le, uint16_t* eq) {
    const __mmask16 zero = _mm_testn_epi8_mask(b, b);
    _store_mask16(reinterpret_cast<__mmask16*>(le), zero);
    _store_mask16(reinterpret_cast<__mmask16*>(eq), zero);
  }
};

}  // namespace

#define SM_SCAN_MASKS MasksAvx512
#include "scan_masks.inc"
#undef SM_SCAN_MASKS

// 256-bit registers only: a 512-bit instruction would lower this core's clock (AVX-512
// frequency license) and with it the AES rate.
size_t SelectAvx512(const uint16_t* masks, size_t count, uint32_t* selected) {
  size_t n = 0;
  __m256i positions = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i step = _mm256_set1_epi32(8);
  for (size_t i = 0; i < count; i += 8) {
    const __m256i words = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(masks + i)));
    const __mmask8 nonzero = _mm256_test_epi32_mask(words, words);
    // Compressed in a register and stored whole: the entries past n are overwritten next.
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(selected + n), _mm256_maskz_compress_epi32(nonzero, positions));
    n += size_t(__builtin_popcount(nonzero));
    positions = _mm256_add_epi32(positions, step);
  }
  return n;
}

}  // namespace post::scan
