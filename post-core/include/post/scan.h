// The proving scan of one pass: every label is encrypted with each nonce group's cipher and
// each output byte decides whether the label qualifies for that byte's nonce. Pure and
// allocation-free per label, so it can be tested on buffers and run from many threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "post/bytes.h"
#include "post/cipher.h"
#include "post/difficulty.h"

namespace post {

class PassScanner {
 public:
  // Nonces [nonce_start, nonce_start + 16 * pows.size()); pows[g] is the k2pow of group
  // nonce_start / 16 + g. nonce_start must be a multiple of 16.
  PassScanner(const Hash32& challenge, uint32_t nonce_start, std::span<const uint64_t> pows,
              uint64_t difficulty);

  // Scans whole 128-byte chunks of `data` (a shorter tail is ignored, as the reference does);
  // the first label has index first_index. Calls on_hit(nonce, label_index) in the reference's
  // order: per chunk, per group, per label, per nonce.
  template <typename OnHit>
  void Scan(std::span<const uint8_t> data, uint64_t first_index, OnHit&& on_hit) const;

  uint32_t nonce_start() const { return nonce_start_; }
  uint32_t nonce_end() const { return nonce_start_ + 16 * uint32_t(groups_.size()); }

 private:
  // Bit i of the result is set when byte i of the label's encryption qualifies (before the
  // lazy check); sets `ties` to the bytes equal to msb.
  void ScanChunk(const uint8_t* chunk, size_t group, uint16_t masks[8], uint16_t ties[8]) const;

  std::vector<AesKey> groups_;
  std::vector<AesKey> lazy_;  // one per nonce of the pass
  uint32_t nonce_start_;
  SplitDifficulty difficulty_;
};

template <typename OnHit>
void PassScanner::Scan(std::span<const uint8_t> data, uint64_t first_index, OnHit&& on_hit) const {
  const size_t chunks = data.size() / 128;
  for (size_t c = 0; c < chunks; ++c) {
    const uint8_t* chunk = data.data() + c * 128;
    for (size_t g = 0; g < groups_.size(); ++g) {
      uint16_t masks[8], ties[8];
      ScanChunk(chunk, g, masks, ties);
      for (int l = 0; l < 8; ++l) {
        for (uint32_t bits = masks[l]; bits != 0; bits &= bits - 1) {
          const uint32_t o = __builtin_ctz(bits);
          const uint32_t nonce_offset = uint32_t(g) * 16 + o;
          if ((ties[l] >> o) & 1) {
            if (LazyValue(lazy_[nonce_offset], chunk + l * 16) >= difficulty_.lsb) continue;
          }
          on_hit(nonce_start_ + nonce_offset, first_index + c * 8 + l);
        }
      }
    }
  }
}

}  // namespace post
