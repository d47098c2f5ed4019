#include "node/posw/fiat_shamir.h"

#include <numeric>
#include <set>

#include "node/wire/sha256.h"

namespace node::posw {

std::vector<uint64_t> FiatShamir(std::span<const uint8_t> root, uint64_t leaf_count, uint32_t security_param) {
  if (leaf_count < security_param) {
    std::vector<uint64_t> all(leaf_count);
    std::iota(all.begin(), all.end(), 0);
    return all;
  }
  std::set<uint64_t> chosen;
  for (uint32_t j = 0; chosen.size() < security_param; ++j) {
    const uint8_t counter[4] = {static_cast<uint8_t>(j >> 24), static_cast<uint8_t>(j >> 16),
                                static_cast<uint8_t>(j >> 8), static_cast<uint8_t>(j)};
    const base::Hash32 digest = wire::Sha256Hash({root, counter});
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = value << 8 | digest[i];
    chosen.insert(value % leaf_count);
  }
  return {chosen.begin(), chosen.end()};
}

}  // namespace node::posw
