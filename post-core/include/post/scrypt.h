// scrypt-jane as the Spacemesh labels use it: Keccak-512 PBKDF2-HMAC and ChaCha20/8 mixing.
// This general form (any r, p, salt) exists to check the primitive against its published
// vectors; labels go through post/labels.h, which runs many of them in SIMD lanes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace post {

// n must be a power of two >= 2; r, p >= 1.
std::vector<uint8_t> ScryptJane(std::span<const uint8_t> password, std::span<const uint8_t> salt, uint64_t n,
                                uint32_t r, uint32_t p, size_t dk_len);

}  // namespace post
