// The prover's AES-128 ciphers. One "group" cipher serves 16 nonces: byte o of a label's
// encryption belongs to nonce group*16 + o. A per-nonce "lazy" cipher settles ties on the
// most significant byte.
#pragma once

#include <cstdint>

#include "base/bytes.h"

namespace post {

// An expanded AES-128 encryption key (11 round keys).
struct AesKey {
  alignas(16) uint8_t round_keys[11][16];
};

// key = BLAKE3(challenge || u32_le(group) || u64_le(pow))[0..16].
AesKey GroupCipher(const base::Hash32& challenge, uint32_t group, uint64_t pow);
// key = BLAKE3(challenge || u32_le(group) || u64_le(pow) || u32_le(nonce))[0..16].
AesKey LazyCipher(const base::Hash32& challenge, uint32_t group, uint64_t pow, uint32_t nonce);

void AesEncryptBlock(const AesKey& key, const uint8_t in[16], uint8_t out[16]);

// The 56-bit value the lazy cipher gives a label: u64_le(AES(label)[0..8]) & (2^56 - 1).
uint64_t LazyValue(const AesKey& lazy, const uint8_t label[16]);

}  // namespace post
