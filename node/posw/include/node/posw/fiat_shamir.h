// The PoET's non-interactive choice of the leaves to prove (PO shared.FiatShamir): the proof's
// root seeds it, so neither prover nor verifier picks them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace node::posw {

// Sorted distinct indices below `leaf_count`: all of them when leaf_count < security_param, else
// sha256(root || BE32(j)) for j = 0, 1, ..., first 8 bytes big endian, mod leaf_count, until
// security_param distinct values are found.
std::vector<uint64_t> FiatShamir(std::span<const uint8_t> root, uint64_t leaf_count, uint32_t security_param);

}  // namespace node::posw
