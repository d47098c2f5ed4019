// The PoET membership tree: blake3(0x01 || l || r) nodes, proofs for every member.
#include "node/wire/membership.h"

#include <catch2/catch.hpp>

#include "post/blake3.h"
#include "wire_test_util.h"

namespace {

using namespace node::wire;

std::vector<base::Hash32> Members(size_t n) {
  std::vector<base::Hash32> members;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t seed[2] = {static_cast<uint8_t>(i), 0x5a};
    members.push_back(post::Blake3Hash({seed}));
  }
  return members;
}

base::Hash32 Node(const base::Hash32& left, const base::Hash32& right) {
  const uint8_t prefix = 0x01;
  return post::Blake3Hash({{&prefix, 1}, left, right});
}

}  // namespace

TEST_CASE("membership roots are blake3 trees with zero padding", "[wire][membership]") {
  const auto m = Members(3);
  const base::Hash32 zero{};
  CHECK(*MembershipRoot(std::span(m).first(1)) == m[0]);
  CHECK(*MembershipRoot(std::span(m).first(2)) == Node(m[0], m[1]));
  CHECK(*MembershipRoot(m) == Node(Node(m[0], m[1]), Node(m[2], zero)));
  CHECK(MembershipNode(m[0], m[1]) == Node(m[0], m[1]));
  CHECK(MembershipRoot({}).status().code() == base::Status::Code::kInvalidArgument);
}

TEST_CASE("membership proofs verify for 1..17 members at every index", "[wire][membership]") {
  for (size_t n = 1; n <= 17; ++n) {
    const auto members = Members(n);
    const base::Hash32 root = *MembershipRoot(members);
    for (size_t index = 0; index < n; ++index) {
      INFO("n=" << n << " index=" << index);
      auto proof = MembershipProof(members, index);
      REQUIRE(proof.ok());
      // One sibling per level up to the root: ceil(log2(n)).
      size_t height = 0;
      while ((size_t{1} << height) < n) ++height;
      CHECK(proof->size() == height);
      CHECK(VerifyMembership(members[index], index, *proof, root).ok());
      // Another member at this position, or this member at another, fails.
      const base::Status wrong_leaf = VerifyMembership(members[(index + 1) % n], index, *proof, root);
      CHECK((n == 1 || wrong_leaf.code() == base::Status::Code::kInvalidProof));
      if (n > 1) {
        CHECK_FALSE(VerifyMembership(members[index], (index + 1) % n, *proof, root).ok());
      }
    }
  }
}

TEST_CASE("a 3-member proof pads with zeros", "[wire][membership]") {
  const auto m = Members(3);
  auto proof = MembershipProof(m, 2);
  REQUIRE(proof.ok());
  REQUIRE(proof->size() == 2);
  CHECK((*proof)[0] == base::Hash32{});
  CHECK((*proof)[1] == Node(m[0], m[1]));
  CHECK(MembershipProof(m, 3).status().code() == base::Status::Code::kInvalidArgument);
  auto truncated = *proof;
  truncated.pop_back();
  const base::Status status = VerifyMembership(m[2], 2, truncated, *MembershipRoot(m));
  CHECK(status.message() == "membership: merkle proof not valid");
}
