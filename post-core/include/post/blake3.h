// BLAKE3 (hash mode only), written from the specification. Used for the label commitment, the
// AES keys of the prover and the verifier's XOF picker.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/bytes.h"

namespace post {

class Blake3 {
 public:
  Blake3();
  void Update(std::span<const uint8_t> data);
  // Writes out.size() bytes of the output stream starting at byte `seek`. Does not change the
  // hasher, so it may be called repeatedly (XOF).
  void Finalize(std::span<uint8_t> out, uint64_t seek = 0) const;
  base::Hash32 Finalize32() const;

 private:
  struct Output;
  static Output ParentOutput(const std::array<uint32_t, 8>& left, const std::array<uint32_t, 8>& right);
  Output ChunkOutput() const;
  void PushChunkCv(const std::array<uint32_t, 8>& cv, uint64_t total_chunks);

  std::array<uint32_t, 8> chunk_cv_;
  uint64_t chunk_counter_ = 0;
  std::array<uint8_t, 64> block_{};
  uint8_t block_len_ = 0;
  uint8_t blocks_compressed_ = 0;
  std::array<std::array<uint32_t, 8>, 54> cv_stack_;
  uint8_t cv_stack_len_ = 0;
};

// One-shot hash of the concatenation of `parts`.
base::Hash32 Blake3Hash(std::initializer_list<std::span<const uint8_t>> parts);

}  // namespace post
