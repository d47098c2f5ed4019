// Fiat-Shamir leaf choice (PO shared.FiatShamir).
#include "node/posw/fiat_shamir.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "node/wire/sha256.h"

using node::posw::FiatShamir;

TEST_CASE("fewer leaves than the security parameter: all of them", "[posw][fiat-shamir]") {
  const std::vector<uint8_t> root(32, 1);
  CHECK(FiatShamir(root, 0, 150).empty());
  std::vector<uint64_t> all(149);
  std::iota(all.begin(), all.end(), 0);
  CHECK(FiatShamir(root, 149, 150) == all);
}

TEST_CASE("otherwise T distinct sorted indices derived from the root", "[posw][fiat-shamir]") {
  const std::vector<uint8_t> root(32, 7);
  for (uint64_t leaves : {150u, 151u, 1000u, 1u << 20}) {
    const auto indices = FiatShamir(root, leaves, 150);
    REQUIRE(indices.size() == 150);
    CHECK(std::is_sorted(indices.begin(), indices.end()));
    CHECK(std::adjacent_find(indices.begin(), indices.end()) == indices.end());
    CHECK(indices.back() < leaves);
  }
  // j = 0 gives the first candidate: sha256(root || 00000000), first 8 bytes BE, mod leaves.
  const uint8_t zero[4] = {};
  const base::Hash32 digest = node::wire::Sha256Hash({root, zero});
  uint64_t first = 0;
  for (int i = 0; i < 8; ++i) first = first << 8 | digest[i];
  const auto indices = FiatShamir(root, uint64_t{1} << 40, 150);
  CHECK(std::binary_search(indices.begin(), indices.end(), first % (uint64_t{1} << 40)));
  CHECK(FiatShamir(std::vector<uint8_t>(32, 8), 1000, 150) != FiatShamir(root, 1000, 150));
}
