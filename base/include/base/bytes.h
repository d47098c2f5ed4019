// 32-byte ids used across the protocol, and hex helpers for logs, flags and tests.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace base {

using Hash32 = std::array<uint8_t, 32>;  // node ids, atx ids, commitments, challenges

std::string ToHex(std::span<const uint8_t> bytes);
// Decodes hex (either case); nullopt on odd length or a non-hex character.
std::optional<std::vector<uint8_t>> FromHex(std::string_view hex);
// Decodes exactly 32 bytes of hex.
std::optional<Hash32> Hash32FromHex(std::string_view hex);

std::string ToBase64(std::span<const uint8_t> bytes);
std::optional<std::vector<uint8_t>> FromBase64(std::string_view text);

}  // namespace base
