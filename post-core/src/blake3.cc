#include "post/blake3.h"

#include <algorithm>
#include <cstring>

namespace post {
namespace {

constexpr std::array<uint32_t, 8> kIv = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                         0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
constexpr uint8_t kPermutation[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
constexpr uint32_t kChunkStart = 1, kChunkEnd = 2, kParent = 4, kRoot = 8;
constexpr size_t kChunkLen = 1024;
constexpr size_t kBlockLen = 64;

inline uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

inline void G(uint32_t* s, int a, int b, int c, int d, uint32_t mx, uint32_t my) {
  s[a] += s[b] + mx;
  s[d] = Rotr(s[d] ^ s[a], 16);
  s[c] += s[d];
  s[b] = Rotr(s[b] ^ s[c], 12);
  s[a] += s[b] + my;
  s[d] = Rotr(s[d] ^ s[a], 8);
  s[c] += s[d];
  s[b] = Rotr(s[b] ^ s[c], 7);
}

// The full 16-word compression output (the XOF needs all of it).
std::array<uint32_t, 16> Compress(const std::array<uint32_t, 8>& cv, const uint8_t block[64], uint64_t counter,
                                  uint32_t block_len, uint32_t flags) {
  uint32_t m[16];
  for (int i = 0; i < 16; ++i) {
    m[i] = uint32_t(block[4 * i]) | uint32_t(block[4 * i + 1]) << 8 | uint32_t(block[4 * i + 2]) << 16 |
           uint32_t(block[4 * i + 3]) << 24;
  }
  uint32_t s[16] = {cv[0],
                    cv[1],
                    cv[2],
                    cv[3],
                    cv[4],
                    cv[5],
                    cv[6],
                    cv[7],
                    kIv[0],
                    kIv[1],
                    kIv[2],
                    kIv[3],
                    uint32_t(counter),
                    uint32_t(counter >> 32),
                    block_len,
                    flags};
  for (int round = 0; round < 7; ++round) {
    G(s, 0, 4, 8, 12, m[0], m[1]);
    G(s, 1, 5, 9, 13, m[2], m[3]);
    G(s, 2, 6, 10, 14, m[4], m[5]);
    G(s, 3, 7, 11, 15, m[6], m[7]);
    G(s, 0, 5, 10, 15, m[8], m[9]);
    G(s, 1, 6, 11, 12, m[10], m[11]);
    G(s, 2, 7, 8, 13, m[12], m[13]);
    G(s, 3, 4, 9, 14, m[14], m[15]);
    uint32_t permuted[16];
    for (int i = 0; i < 16; ++i) permuted[i] = m[kPermutation[i]];
    std::memcpy(m, permuted, sizeof(m));
  }
  std::array<uint32_t, 16> out;
  for (int i = 0; i < 8; ++i) {
    out[i] = s[i] ^ s[i + 8];
    out[i + 8] = s[i + 8] ^ cv[i];
  }
  return out;
}

std::array<uint32_t, 8> FirstEight(const std::array<uint32_t, 16>& words) {
  std::array<uint32_t, 8> cv;
  std::copy_n(words.begin(), 8, cv.begin());
  return cv;
}

}  // namespace

// A node whose compression is deferred until we know whether it is the root.
struct Blake3::Output {
  std::array<uint32_t, 8> cv;
  std::array<uint8_t, 64> block;
  uint64_t counter;
  uint32_t block_len;
  uint32_t flags;

  std::array<uint32_t, 8> ChainingValue() const {
    return FirstEight(Compress(cv, block.data(), counter, block_len, flags));
  }
};

Blake3::Blake3() : chunk_cv_(kIv) {}

Blake3::Output Blake3::ChunkOutput() const {
  uint32_t flags = kChunkEnd | (blocks_compressed_ == 0 ? kChunkStart : 0);
  Output out{chunk_cv_, block_, chunk_counter_, block_len_, flags};
  std::fill(out.block.begin() + block_len_, out.block.end(), 0);
  return out;
}

void Blake3::PushChunkCv(const std::array<uint32_t, 8>& cv, uint64_t total_chunks) {
  std::array<uint32_t, 8> merged = cv;
  // Each trailing zero bit of the chunk count closes one complete subtree.
  while ((total_chunks & 1) == 0) {
    merged = ParentOutput(cv_stack_[--cv_stack_len_], merged).ChainingValue();
    total_chunks >>= 1;
  }
  cv_stack_[cv_stack_len_++] = merged;
}

void Blake3::Update(std::span<const uint8_t> data) {
  while (!data.empty()) {
    size_t chunk_used = size_t(blocks_compressed_) * kBlockLen + block_len_;
    if (chunk_used == kChunkLen) {
      // The chunk is full and more input follows: it is not the root, so finish it.
      std::array<uint32_t, 8> cv = ChunkOutput().ChainingValue();
      PushChunkCv(cv, chunk_counter_ + 1);
      ++chunk_counter_;
      chunk_cv_ = kIv;
      block_len_ = 0;
      blocks_compressed_ = 0;
      continue;
    }
    if (block_len_ == kBlockLen) {
      uint32_t flags = blocks_compressed_ == 0 ? kChunkStart : 0;
      chunk_cv_ = FirstEight(Compress(chunk_cv_, block_.data(), chunk_counter_, kBlockLen, flags));
      ++blocks_compressed_;
      block_len_ = 0;
    }
    size_t take = std::min(kBlockLen - block_len_, data.size());
    std::memcpy(block_.data() + block_len_, data.data(), take);
    block_len_ += uint8_t(take);
    data = data.subspan(take);
  }
}

void Blake3::Finalize(std::span<uint8_t> out, uint64_t seek) const {
  Output node = ChunkOutput();
  for (size_t i = cv_stack_len_; i-- > 0;) node = ParentOutput(cv_stack_[i], node.ChainingValue());
  uint64_t block_index = seek / 64;
  size_t offset = seek % 64;
  while (!out.empty()) {
    std::array<uint32_t, 16> words =
        Compress(node.cv, node.block.data(), block_index, node.block_len, node.flags | kRoot);
    uint8_t bytes[64];
    for (int i = 0; i < 16; ++i) {
      for (int b = 0; b < 4; ++b) bytes[4 * i + b] = uint8_t(words[i] >> (8 * b));
    }
    size_t take = std::min(out.size(), 64 - offset);
    std::memcpy(out.data(), bytes + offset, take);
    out = out.subspan(take);
    offset = 0;
    ++block_index;
  }
}

base::Hash32 Blake3::Finalize32() const {
  base::Hash32 h;
  Finalize(h);
  return h;
}

Blake3::Output Blake3::ParentOutput(const std::array<uint32_t, 8>& left, const std::array<uint32_t, 8>& right) {
  Output out{kIv, {}, 0, kBlockLen, kParent};
  for (int i = 0; i < 8; ++i) {
    for (int b = 0; b < 4; ++b) {
      out.block[4 * i + b] = uint8_t(left[i] >> (8 * b));
      out.block[32 + 4 * i + b] = uint8_t(right[i] >> (8 * b));
    }
  }
  return out;
}

base::Hash32 Blake3Hash(std::initializer_list<std::span<const uint8_t>> parts) {
  Blake3 h;
  for (auto p : parts) h.Update(p);
  return h.Finalize32();
}

}  // namespace post
