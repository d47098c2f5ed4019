// The PoSW hashes against poet's hash/hash_test.go vectors.
#include "node/posw/labels.h"

#include <catch2/catch.hpp>
#include <string>

#include "node/wire/sha256.h"

namespace {

std::span<const uint8_t> Span(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

const std::string kChallenge = "a123123123mskofvuw098e71bnj91273";

}  // namespace

TEST_CASE("the label hash is sha256 nested 400 times over challenge || data", "[posw][labels]") {
  // TestGenLabelHashFuncHash.
  node::posw::LabelHasher hasher(Span(kChallenge));
  const std::string data = "12312390819023879012379184718920408data0123128991231239081";
  const std::string expected = "b0d5378b51463392b29347b686d8a7f041ce0ec278dd3e090c4e4ce05e61c4c4";
  CHECK(base::ToHex(hasher.Hash(Span(data))) == expected);
  CHECK(base::ToHex(hasher.Hash(Span(data))) == expected);  // the hasher is reusable

  // The same by hand: one hash over challenge || data, 399 over the digest.
  base::Hash32 digest = node::wire::Sha256Hash({Span(kChallenge), Span(data)});
  for (int i = 1; i < 400; ++i) digest = node::wire::Sha256Hash({digest});
  CHECK(base::ToHex(digest) == expected);
}

TEST_CASE("a label hashes BE64(index) and the parked nodes", "[posw][labels]") {
  node::posw::LabelHasher hasher(Span(kChallenge));
  const std::vector<uint8_t> parked(64, 0x7e);
  std::vector<uint8_t> data = {0, 0, 0, 0, 0, 0, 0x01, 0x02};
  data.insert(data.end(), parked.begin(), parked.end());
  CHECK(hasher.Label(0x0102, parked) == hasher.Hash(data));
  CHECK(hasher.Label(0x0102, {}) == hasher.Hash(std::span(data).first(8)));
}

TEST_CASE("the PoSW node hash is sha256(statement || left || right)", "[posw][labels]") {
  // TestGenMekleHashFuncHash.
  const auto hash = node::posw::PoswNodeHash(Span(kChallenge));
  const base::Hash32 expected = {103, 1,   150, 181, 115, 169, 147, 120, 81, 61,  244, 238, 253, 189, 132, 180,
                                 181, 155, 232, 100, 130, 168, 223, 56,  2,  186, 250, 51,  76,  118, 6,   41};
  CHECK(hash(Span("left-one"), Span("right-one")) == expected);
}
