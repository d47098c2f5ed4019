// The verifier's sampler: a Fisher-Yates shuffle driven by u16 values from a BLAKE3 XOF,
// yielding distinct elements of a list in a seed-determined order.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace post {

// Returns the first `take` picks from `items`, seeded with BLAKE3 over the concatenated
// `seed_parts`. Rejection-samples each u16 r >= 65535 - 65535 % remaining.
std::vector<uint64_t> PickRandomValues(std::vector<uint64_t> items, size_t take,
                                       std::initializer_list<std::span<const uint8_t>> seed_parts);

}  // namespace post
