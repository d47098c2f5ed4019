// The real network's PoST parameters (reference/node.md §10, post.md §3.1): the defaults of
// postcli, post-service and the node's mainnet preset, written once.
#pragma once

#include <cstdint>

#include "base/bytes.h"

namespace base::mainnet {

inline constexpr uint64_t kLabelsPerUnit = 1ULL << 32;
inline constexpr uint32_t kScryptN = 8192;
inline constexpr uint32_t kMinNumUnits = 4;
inline constexpr uint32_t kK1 = 26;
inline constexpr uint32_t kK2 = 37;
// The unscaled k2pow difficulty 000dfb23b0979b4b00..00 (divided by num_units per proof).
inline constexpr Hash32 kPowDifficulty = {0x00, 0x0d, 0xfb, 0x23, 0xb0, 0x97, 0x9b, 0x4b};

}  // namespace base::mainnet
