#include "keccak.h"

#include <algorithm>
#include <cstring>

namespace post::keccak {
namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL, 0x000000000000808bULL,
    0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL, 0x0000000000000088ULL,
    0x0000000080008009ULL, 0x000000008000000aULL, 0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};
// Rotation offsets and lane destinations of the rho-pi step, walking the pi cycle from lane 1.
constexpr int kRho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

inline uint64_t Rotl(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void AbsorbBlock(uint64_t state[25], const uint8_t block[kRate]) {
  for (size_t i = 0; i < kRate / 8; ++i) {
    uint64_t lane;
    std::memcpy(&lane, block + 8 * i, 8);  // little-endian host
    state[i] ^= lane;
  }
  F1600(state);
}

}  // namespace

void F1600(uint64_t state[25]) {
  // Working on a local copy with every loop unrolled lets the compiler keep all 25 lanes in
  // registers (the pi step's table lookups become constants).
  uint64_t a[25];
  std::memcpy(a, state, sizeof(a));
  for (int round = 0; round < 24; ++round) {
    uint64_t c[5];
#pragma GCC unroll 5
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
#pragma GCC unroll 5
    for (int x = 0; x < 5; ++x) {
      const uint64_t d = c[(x + 4) % 5] ^ Rotl(c[(x + 1) % 5], 1);
#pragma GCC unroll 5
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    uint64_t carry = a[1];
#pragma GCC unroll 24
    for (int i = 0; i < 24; ++i) {
      const uint64_t next = a[kPi[i]];
      a[kPi[i]] = Rotl(carry, kRho[i]);
      carry = next;
    }
#pragma GCC unroll 5
    for (int y = 0; y < 25; y += 5) {
      const uint64_t r0 = a[y], r1 = a[y + 1], r2 = a[y + 2], r3 = a[y + 3], r4 = a[y + 4];
      a[y] = r0 ^ (~r1 & r2);
      a[y + 1] = r1 ^ (~r2 & r3);
      a[y + 2] = r2 ^ (~r3 & r4);
      a[y + 3] = r3 ^ (~r4 & r0);
      a[y + 4] = r4 ^ (~r0 & r1);
    }
    a[0] ^= kRoundConstants[round];
  }
  std::memcpy(state, a, sizeof(a));
}

void Keccak512::Update(std::span<const uint8_t> data) {
  while (!data.empty()) {
    size_t take = std::min(kRate - buffered_, data.size());
    std::memcpy(buffer_ + buffered_, data.data(), take);
    buffered_ += take;
    data = data.subspan(take);
    if (buffered_ == kRate) {
      AbsorbBlock(state_, buffer_);
      buffered_ = 0;
    }
  }
}

void Keccak512::Finalize(uint8_t out[kDigest]) {
  std::memset(buffer_ + buffered_, 0, kRate - buffered_);
  buffer_[buffered_] = 0x01;
  buffer_[kRate - 1] |= 0x80;
  AbsorbBlock(state_, buffer_);
  std::memcpy(out, state_, kDigest);
}

Hmac::Hmac(std::span<const uint8_t> key) {
  uint8_t block[kRate] = {};
  if (key.size() > kRate) {
    Keccak512 h;
    h.Update(key);
    h.Finalize(block);
  } else {
    std::copy(key.begin(), key.end(), block);
  }
  uint8_t pad[kRate];
  for (size_t i = 0; i < kRate; ++i) pad[i] = block[i] ^ 0x36;
  inner_.Update(pad);
  for (size_t i = 0; i < kRate; ++i) pad[i] = block[i] ^ 0x5c;
  outer_.Update(pad);
}

void Hmac::Mac(std::span<const uint8_t> message, uint8_t out[kDigest]) const {
  Keccak512 inner = inner_;
  inner.Update(message);
  Finish(inner, out);
}

void Hmac::Finish(Keccak512& inner, uint8_t out[kDigest]) const {
  uint8_t inner_digest[kDigest];
  inner.Finalize(inner_digest);
  Keccak512 outer = outer_;
  outer.Update(inner_digest);
  outer.Finalize(out);
}

void Hmac::Pbkdf2(std::span<const uint8_t> salt, std::span<uint8_t> out) const {
  Keccak512 salted = inner_;
  salted.Update(salt);
  uint8_t digest[kDigest];
  for (uint32_t block = 1; !out.empty(); ++block) {
    const uint8_t counter[4] = {uint8_t(block >> 24), uint8_t(block >> 16), uint8_t(block >> 8), uint8_t(block)};
    Keccak512 inner = salted;
    inner.Update(counter);
    Finish(inner, digest);
    size_t take = std::min(out.size(), kDigest);
    std::memcpy(out.data(), digest, take);
    out = out.subspan(take);
  }
}

}  // namespace post::keccak
