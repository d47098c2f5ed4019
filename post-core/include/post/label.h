// The two label sizes: the 16 bytes stored per label, and the whole 32-byte scrypt output that
// the VRF nonce search compares.
#pragma once

#include <array>
#include <cstdint>

namespace post {

using Label = std::array<uint8_t, 16>;
using FullLabel = std::array<uint8_t, 32>;

}  // namespace post
