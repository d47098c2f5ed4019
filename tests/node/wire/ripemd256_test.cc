// RIPEMD-256 against the vectors of its specification page.
#include "node/wire/ripemd256.h"

#include <catch2/catch.hpp>
#include <string>

#include "base/bytes.h"

namespace {

std::string Hash(const std::string& text) {
  return base::ToHex(node::wire::Ripemd256Hash({reinterpret_cast<const uint8_t*>(text.data()), text.size()}));
}

}  // namespace

TEST_CASE("RIPEMD-256 matches the specification's vectors", "[wire][ripemd256]") {
  CHECK(Hash("") == "02ba4c4e5f8ecd1877fc52d64d30e37a2d9774fb1e5d026380ae0168e3c5522d");
  CHECK(Hash("abc") == "afbd6e228b9d8cbbcef5ca2d03e6dba10ac0bc7dcbe4680e1e42d2e975459b65");
}

TEST_CASE("RIPEMD-256 gives the same digest however the input is split", "[wire][ripemd256]") {
  std::vector<uint8_t> data(300);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + 1);
  for (size_t length : {55, 56, 63, 64, 65, 119, 120, 128, 300}) {
    const std::span<const uint8_t> input(data.data(), length);
    const auto whole = node::wire::Ripemd256Hash(input);
    for (size_t split : {size_t{1}, size_t{13}, size_t{64}}) {
      node::wire::Ripemd256 hasher;
      for (size_t at = 0; at < length; at += split) {
        hasher.Update(input.subspan(at, std::min(split, length - at)));
      }
      INFO("length " << length << " split " << split);
      CHECK(hasher.Final() == whole);
    }
  }
  // Lengths around the padding boundary give distinct digests.
  CHECK(node::wire::Ripemd256Hash(std::span(data).first(55)) != node::wire::Ripemd256Hash(std::span(data).first(56)));
}
