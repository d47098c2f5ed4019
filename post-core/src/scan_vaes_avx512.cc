// VAES scan kernel with AVX-512BW/VL compares (Ice Lake and later, Zen 4); compiled with
// -maes -mvaes -mavx512bw -mavx512vl. 256-bit registers only: no AVX-512 frequency penalty.
#include <immintrin.h>

#include "scan_masks.h"

namespace post::scan {
namespace {

struct Isa {
  // The low 16 bits of each 32-bit mask belong to the first label (the low 128-bit lane).
  static void Compare(__m256i b, __m256i m, uint16_t* le, uint16_t* eq) {
    _store_mask32(reinterpret_cast<__mmask32*>(le), _mm256_cmple_epu8_mask(b, m));
    _store_mask32(reinterpret_cast<__mmask32*>(eq), _mm256_cmpeq_epu8_mask(b, m));
  }
  static void CompareZero(__m256i b, uint16_t* le, uint16_t* eq) {
    const __mmask32 zero = _mm256_testn_epi8_mask(b, b);
    _store_mask32(reinterpret_cast<__mmask32*>(le), zero);
    _store_mask32(reinterpret_cast<__mmask32*>(eq), zero);
  }
};

}  // namespace

#define SM_SCAN_MASKS MasksVaesAvx512
#include "scan_vaes.inc"
#undef SM_SCAN_MASKS

}  // namespace post::scan
