#include "post/difficulty.h"

namespace post {

std::optional<uint64_t> ProvingDifficulty(uint32_t k1, uint64_t num_labels) {
  if (num_labels == 0 || num_labels <= k1) return std::nullopt;
  return uint64_t((static_cast<unsigned __int128>(k1) << 64) / num_labels);
}

base::Hash32 ScalePowDifficulty(const base::Hash32& difficulty, uint32_t num_units) {
  base::Hash32 out{};
  uint64_t remainder = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    uint64_t acc = (remainder << 8) | difficulty[i];
    out[i] = uint8_t(acc / num_units);
    remainder = acc % num_units;
  }
  return out;
}

base::Hash32 VrfDifficulty(uint64_t total_labels) {
  // 2^256 / total_labels by long division over the 33-byte number 1 || 32 zero bytes.
  base::Hash32 quotient{};
  unsigned __int128 remainder = 1;
  for (size_t i = 0; i < quotient.size(); ++i) {
    unsigned __int128 acc = remainder << 8;
    quotient[i] = uint8_t(acc / total_labels);
    remainder = acc % total_labels;
  }
  // << 3, dropping bits shifted past the top as a 256-bit number would.
  base::Hash32 out{};
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = uint8_t(quotient[i] << 3) | (i + 1 < out.size() ? quotient[i + 1] >> 5 : 0);
  }
  return out;
}

}  // namespace post
