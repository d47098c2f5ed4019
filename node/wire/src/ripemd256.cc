#include "node/wire/ripemd256.h"

#include <algorithm>
#include <bit>
#include <utility>

namespace node::wire {
namespace {

// Message word order and rotations of the left and right lines, 4 rounds of 16 steps.
constexpr uint8_t kWordLeft[64] = {0,  1,  2,  3,  4, 5, 6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 7,  4, 13, 1, 10, 6,
                                   15, 3,  12, 0,  9, 5, 2,  14, 11, 8, 3,  10, 14, 4,  9,  15, 8,  1, 2,  7, 0,  6,
                                   13, 11, 5,  12, 1, 9, 11, 10, 0,  8, 12, 4,  13, 3,  7,  15, 14, 5, 6,  2};
constexpr uint8_t kWordRight[64] = {5,  14, 7,  0,  9, 2,  11, 4, 13, 6,  15, 8, 1, 10, 3, 12, 6, 11, 3,  7, 0,  13,
                                    5,  10, 14, 15, 8, 12, 4,  9, 1,  2,  15, 5, 1, 3,  7, 14, 6, 9,  11, 8, 12, 2,
                                    10, 0,  4,  13, 8, 6,  4,  1, 3,  11, 15, 0, 5, 12, 2, 13, 9, 7,  10, 14};
constexpr uint8_t kRotLeft[64] = {11, 14, 15, 12, 5,  8,  7,  9,  11, 13, 14, 15, 6, 7,  9,  8, 7,  6,  8,  13, 11, 9,
                                  7,  15, 7,  12, 15, 9,  11, 7,  13, 12, 11, 13, 6, 7,  14, 9, 13, 15, 14, 8,  13, 6,
                                  5,  12, 7,  5,  11, 12, 14, 15, 14, 15, 9,  8,  9, 14, 5,  6, 8,  6,  5,  12};
constexpr uint8_t kRotRight[64] = {8,  9,  9, 11, 13, 15, 15, 5,  7,  7,  8, 11, 14, 14, 12, 6, 9,  13, 15, 7,  12, 8,
                                   9,  11, 7, 7,  12, 7,  6,  15, 13, 11, 9, 7,  15, 11, 8,  6, 6,  14, 12, 13, 5,  14,
                                   13, 13, 7, 5,  15, 5,  8,  11, 14, 14, 6, 14, 6,  9,  12, 9, 12, 5,  15, 8};
constexpr uint32_t kConstLeft[4] = {0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc};
constexpr uint32_t kConstRight[4] = {0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x00000000};

// The boolean function of round `j` (0..3) for the left line; the right line uses 3 - j.
uint32_t F(int j, uint32_t x, uint32_t y, uint32_t z) {
  switch (j) {
    case 0: return x ^ y ^ z;
    case 1: return (x & y) | (~x & z);
    case 2: return (x | ~y) ^ z;
    default: return (x & z) | (y & ~z);
  }
}

uint32_t LoadLe32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

Ripemd256::Ripemd256()
    : state_{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0x76543210, 0xfedcba98, 0x89abcdef, 0x01234567} {}

void Ripemd256::Compress(const uint8_t* block) {
  uint32_t x[16];
  for (int i = 0; i < 16; ++i) x[i] = LoadLe32(block + 4 * i);
  // Registers a, b, c, d of the left line (l) and the right line (r).
  uint32_t l[4] = {state_[0], state_[1], state_[2], state_[3]};
  uint32_t r[4] = {state_[4], state_[5], state_[6], state_[7]};
  for (int step = 0; step < 64; ++step) {
    const int round = step / 16;
    const uint32_t tl =
        std::rotl(l[0] + F(round, l[1], l[2], l[3]) + x[kWordLeft[step]] + kConstLeft[round], kRotLeft[step]);
    l[0] = l[3];
    l[3] = l[2];
    l[2] = l[1];
    l[1] = tl;
    const uint32_t tr =
        std::rotl(r[0] + F(3 - round, r[1], r[2], r[3]) + x[kWordRight[step]] + kConstRight[round], kRotRight[step]);
    r[0] = r[3];
    r[3] = r[2];
    r[2] = r[1];
    r[1] = tr;
    // After round j the lines exchange register j (a after round 1, b after 2, ...).
    if (step % 16 == 15) std::swap(l[round], r[round]);
  }
  for (int i = 0; i < 4; ++i) {
    state_[i] += l[i];
    state_[4 + i] += r[i];
  }
}

void Ripemd256::Update(std::span<const uint8_t> data) {
  length_ += data.size();
  while (!data.empty()) {
    const size_t take = std::min(data.size(), block_.size() - block_len_);
    std::copy_n(data.begin(), take, block_.begin() + block_len_);
    block_len_ += take;
    data = data.subspan(take);
    if (block_len_ == block_.size()) {
      Compress(block_.data());
      block_len_ = 0;
    }
  }
}

std::array<uint8_t, 32> Ripemd256::Final() {
  const uint64_t bits = length_ * 8;
  std::array<uint8_t, 72> pad{0x80};
  const size_t pad_len = (block_len_ < 56 ? 56 : 120) - block_len_;
  for (int i = 0; i < 8; ++i) pad[pad_len + i] = static_cast<uint8_t>(bits >> (8 * i));
  Update({pad.data(), pad_len + 8});
  std::array<uint8_t, 32> digest;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<uint8_t>(state_[i] >> (8 * j));
  }
  return digest;
}

std::array<uint8_t, 32> Ripemd256Hash(std::span<const uint8_t> data) {
  Ripemd256 hasher;
  hasher.Update(data);
  return hasher.Final();
}

}  // namespace node::wire
