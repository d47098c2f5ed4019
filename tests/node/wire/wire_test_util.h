// Small helpers for the wire tests: hex in, hex out, filled ids.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace node::wire::test {

// Decodes hex that the test itself wrote; a typo fails the test.
inline std::vector<uint8_t> Unhex(std::string_view hex) {
  auto bytes = base::FromHex(hex);
  REQUIRE(bytes.has_value());
  return *bytes;
}

// `byte_hex` (two hex digits) repeated n times.
inline std::string Rep(std::string_view byte_hex, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += byte_hex;
  return out;
}

inline base::Hash32 Filled(uint8_t value) {
  base::Hash32 hash;
  hash.fill(value);
  return hash;
}

inline bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace node::wire::test
