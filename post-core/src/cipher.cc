// AES-NI implementation; this file is compiled with -maes.
#include "post/cipher.h"

#include <immintrin.h>

#include <cstring>

#include "post/blake3.h"

namespace post {
namespace {

template <int rcon>
__m128i ExpandStep(__m128i key) {
  __m128i assist = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(key, rcon), 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

AesKey Expand(const uint8_t key_bytes[16]) {
  __m128i k[11];
  k[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key_bytes));
  k[1] = ExpandStep<0x01>(k[0]);
  k[2] = ExpandStep<0x02>(k[1]);
  k[3] = ExpandStep<0x04>(k[2]);
  k[4] = ExpandStep<0x08>(k[3]);
  k[5] = ExpandStep<0x10>(k[4]);
  k[6] = ExpandStep<0x20>(k[5]);
  k[7] = ExpandStep<0x40>(k[6]);
  k[8] = ExpandStep<0x80>(k[7]);
  k[9] = ExpandStep<0x1b>(k[8]);
  k[10] = ExpandStep<0x36>(k[9]);
  AesKey out;
  for (int i = 0; i < 11; ++i) _mm_store_si128(reinterpret_cast<__m128i*>(out.round_keys[i]), k[i]);
  return out;
}

AesKey KeyFromHash(const base::Hash32& hash) { return Expand(hash.data()); }

void PutU32(Blake3& h, uint32_t v) {
  const uint8_t b[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)};
  h.Update(b);
}

void PutU64(Blake3& h, uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; ++i) b[i] = uint8_t(v >> (8 * i));
  h.Update(b);
}

}  // namespace

AesKey GroupCipher(const base::Hash32& challenge, uint32_t group, uint64_t pow) {
  Blake3 h;
  h.Update(challenge);
  PutU32(h, group);
  PutU64(h, pow);
  return KeyFromHash(h.Finalize32());
}

AesKey LazyCipher(const base::Hash32& challenge, uint32_t group, uint64_t pow, uint32_t nonce) {
  Blake3 h;
  h.Update(challenge);
  PutU32(h, group);
  PutU64(h, pow);
  PutU32(h, nonce);
  return KeyFromHash(h.Finalize32());
}

void AesEncryptBlock(const AesKey& key, const uint8_t in[16], uint8_t out[16]) {
  const __m128i* rk = reinterpret_cast<const __m128i*>(key.round_keys);
  __m128i b = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in)), rk[0]);
  for (int r = 1; r < 10; ++r) b = _mm_aesenc_si128(b, rk[r]);
  b = _mm_aesenclast_si128(b, rk[10]);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), b);
}

uint64_t LazyValue(const AesKey& lazy, const uint8_t label[16]) {
  uint8_t out[16];
  AesEncryptBlock(lazy, label, out);
  uint64_t v;
  std::memcpy(&v, out, 8);
  return v & 0x00FF'FFFF'FFFF'FFFFULL;
}

}  // namespace post
