// RIPEMD-256 (Dobbertin, Bosselaers, Preneel), written from its specification: the hash of the
// PoET registration proof of work (reference/activation.md §4.3). OpenSSL does not provide it.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace node::wire {

// An incremental RIPEMD-256 over a byte stream.
class Ripemd256 {
 public:
  Ripemd256();
  void Update(std::span<const uint8_t> data);
  // The 32-byte digest; the object is spent afterwards.
  std::array<uint8_t, 32> Final();

 private:
  void Compress(const uint8_t* block);
  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> block_{};
  size_t block_len_ = 0;
  uint64_t length_ = 0;  // bytes hashed so far
};

// One-shot RIPEMD-256.
std::array<uint8_t, 32> Ripemd256Hash(std::span<const uint8_t> data);

}  // namespace node::wire
