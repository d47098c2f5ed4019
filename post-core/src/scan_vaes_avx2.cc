// VAES scan kernel with AVX2 compares (Zen 3, Alder Lake and other VAES CPUs without
// AVX-512); compiled with -maes -mvaes -mavx2.
#include <immintrin.h>

#include <cstring>

#include "scan_masks.h"

namespace post::scan {
namespace {

struct Isa {
  // Byte i of the register sets bit i of the movemask: the first label's 16 bytes are the low
  // half, as the 16-bit masks' order wants.
  static void Compare(__m256i b, __m256i m, uint16_t* le, uint16_t* eq) {
    const uint32_t below_or_equal = uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(b, m), b)));
    const uint32_t equal = uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, m)));
    std::memcpy(le, &below_or_equal, 4);
    std::memcpy(eq, &equal, 4);
  }
  static void CompareZero(__m256i b, uint16_t* le, uint16_t* eq) {
    const uint32_t zero = uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, _mm256_setzero_si256())));
    std::memcpy(le, &zero, 4);
    std::memcpy(eq, &zero, 4);
  }
};

}  // namespace

#define SM_SCAN_MASKS MasksVaesAvx2
#include "scan_vaes.inc"
#undef SM_SCAN_MASKS

}  // namespace post::scan
