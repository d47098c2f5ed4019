// Keccak-512 with the original Keccak padding (0x01 ... 0x80), as scrypt-jane uses it; and the
// HMAC / single-iteration PBKDF2 built on it. Internal to post-core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace post::keccak {

inline constexpr size_t kRate = 72;  // bytes absorbed per permutation
inline constexpr size_t kDigest = 64;

void F1600(uint64_t state[25]);

class Keccak512 {
 public:
  void Update(std::span<const uint8_t> data);
  void Finalize(uint8_t out[kDigest]);

 private:
  uint64_t state_[25] = {};
  uint8_t buffer_[kRate] = {};
  size_t buffered_ = 0;
};

// HMAC-Keccak512 with the key's inner and outer pads absorbed once, reused for many messages.
class Hmac {
 public:
  explicit Hmac(std::span<const uint8_t> key);
  void Mac(std::span<const uint8_t> message, uint8_t out[kDigest]) const;
  // PBKDF2 with one iteration: out = T_1 || T_2 || ..., T_i = HMAC(key, salt || u32_be(i)).
  void Pbkdf2(std::span<const uint8_t> salt, std::span<uint8_t> out) const;

 private:
  void Finish(Keccak512& inner, uint8_t out[kDigest]) const;
  Keccak512 inner_;
  Keccak512 outer_;
};

}  // namespace post::keccak
