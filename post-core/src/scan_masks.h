// Scan kernels: one nonce group's AES-128 over a run of labels, reduced to two bit masks per
// label, so that the rare qualifying bytes are handled after the AES loop rather than inside
// it. Internal to post-core; scan.cc picks the kernel.
#pragma once

#include <cstddef>
#include <cstdint>

#include "post/cipher.h"

namespace post::scan {

// Bytes ahead that a kernel prefetches: the first group to touch a tile streams it from memory.
inline constexpr size_t kPrefetchAhead = 4096;

// For each of `labels` 16-byte labels at data (a multiple of 8): bit o of le[i] is set when
// byte o of AES_key(label i) is at or below msb, bit o of eq[i] when it equals msb.
using MasksFn = void (*)(const uint8_t* data, size_t labels, const AesKey& key, uint8_t msb, uint16_t* le,
                         uint16_t* eq);
// Writes, in order, each i < count with masks[i] != 0 to selected and returns how many.
// count is a multiple of 64; selected has room for count + 16 entries.
using SelectFn = size_t (*)(const uint16_t* masks, size_t count, uint32_t* selected);

// AES-NI with SSE4.1 compares: port 0 runs both the AES rounds and the mask extraction.
void MasksSse(const uint8_t* data, size_t labels, const AesKey& key, uint8_t msb, uint16_t* le, uint16_t* eq);
size_t SelectSse(const uint16_t* masks, size_t count, uint32_t* selected);

// AES-NI with AVX-512BW/VL compares into mask registers (port 5), stored straight to memory:
// port 0 is left to AES, which then runs at the ECB rate.
void MasksAvx512(const uint8_t* data, size_t labels, const AesKey& key, uint8_t msb, uint16_t* le, uint16_t* eq);
size_t SelectAvx512(const uint16_t* masks, size_t count, uint32_t* selected);

// VAES: two labels per 256-bit AES instruction. CPUs with VAES typically also run two AES
// instructions per cycle, so these reach twice the rate of 128-bit AES-NI (and of OpenSSL's ECB there).
// Compares with AVX-512BW/VL (Ice Lake and later, Zen 4) or AVX2 (Zen 3, Alder Lake).
void MasksVaesAvx512(const uint8_t* data, size_t labels, const AesKey& key, uint8_t msb, uint16_t* le, uint16_t* eq);
void MasksVaesAvx2(const uint8_t* data, size_t labels, const AesKey& key, uint8_t msb, uint16_t* le, uint16_t* eq);

}  // namespace post::scan
