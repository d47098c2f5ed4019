// The generic merkle tree against spacemeshos/merkle-tree's vectors (merkle_test.go,
// validation_test.go): leaves are LE u64 values in 32 bytes, node = sha256(left || right).
#include "node/wire/merkle.h"

#include <catch2/catch.hpp>

#include "wire_test_util.h"

namespace {

using namespace node::wire;
using test::Unhex;

base::Hash32 Leaf(uint64_t i) {
  base::Hash32 leaf{};
  for (int b = 0; b < 8; ++b) leaf[b] = static_cast<uint8_t>(i >> (8 * b));
  return leaf;
}

MerkleTree Tree(uint64_t leaves) {
  MerkleTree tree(Sha256Node);
  for (uint64_t i = 0; i < leaves; ++i) tree.AddLeaf(Leaf(i));
  return tree;
}

std::vector<std::vector<uint8_t>> AsBytes(const std::vector<base::Hash32>& nodes) {
  std::vector<std::vector<uint8_t>> out;
  for (const auto& node : nodes) out.emplace_back(node.begin(), node.end());
  return out;
}

std::vector<std::vector<uint8_t>> LeafBytes(const std::vector<uint64_t>& indices) {
  std::vector<std::vector<uint8_t>> out;
  for (uint64_t i : indices) {
    const base::Hash32 leaf = Leaf(i);
    out.emplace_back(leaf.begin(), leaf.end());
  }
  return out;
}

std::vector<std::string> Hexes(const std::vector<base::Hash32>& nodes) {
  std::vector<std::string> out;
  for (const auto& node : nodes) out.push_back(base::ToHex(node));
  return out;
}

}  // namespace

TEST_CASE("merkle roots of 8, 9, 10 and 15 leaves match merkle-tree", "[wire][merkle]") {
  CHECK(base::ToHex(Tree(8).Root()) == "89a0f1577268cc19b0a39c7a69f804fd140640c699585eb635ebb03c06154cce");
  CHECK(base::ToHex(Tree(9).Root()) == "cb71c80ee780788eedb819ec125a41e0cde57bd0955cdd3157ca363193ab5ff1");
  CHECK(base::ToHex(Tree(10).Root()) == "59f32a43534fe4c4c0966421aef624267cdf65bd11f74998c60f27c7caccb12d");
  CHECK(base::ToHex(Tree(15).Root()) == "b9746fb884ed07041c5cbb3bb5526e1383928e832a8385e08db995966889b5a8");
}

TEST_CASE("a one-leaf tree's root is the leaf; two leaves hash once", "[wire][merkle]") {
  CHECK(Tree(1).Root() == Leaf(0));
  CHECK(Tree(2).Root() == Sha256Node(Leaf(0), Leaf(1)));
  // Three leaves: the lone third is paired with 32 zero bytes, not with a zero-subtree hash.
  const base::Hash32 zero{};
  CHECK(Tree(3).Root() == Sha256Node(Sha256Node(Leaf(0), Leaf(1)), Sha256Node(Leaf(2), zero)));
  // Five leaves: the right half above leaf 4 is (leaf4, 0) then (that, 0).
  const base::Hash32 left = Tree(4).Root();
  CHECK(Tree(5).Root() == Sha256Node(left, Sha256Node(Sha256Node(Leaf(4), zero), zero)));
}

TEST_CASE("the proof of leaves {0, 4, 7} of 10 matches merkle-tree", "[wire][merkle]") {
  const std::vector<uint64_t> indices = {0, 4, 7};
  const auto proof = Tree(10).Proof(indices);
  CHECK(Hexes(proof) == std::vector<std::string>{"0100000000000000000000000000000000000000000000000000000000000000",
                                                 "0094579cfc7b716038d416a311465309bea202baa922b224a7b08f01599642fb",
                                                 "0500000000000000000000000000000000000000000000000000000000000000",
                                                 "0600000000000000000000000000000000000000000000000000000000000000",
                                                 "bc68417a8495de6e22d95b980fca5a1183f29eff0e2a9b7ddde91ed5bcbea952"});
  const auto root = Tree(10).Root();
  CHECK(ValidatePartialTree(indices, LeafBytes(indices), AsBytes(proof), root, Sha256Node).ok());
}

TEST_CASE("other merkle-tree proof vectors", "[wire][merkle]") {
  // {0, 4, 7, 9} of 10: "0100 0094 0500 0600 0800 0000 0000"; {9} of 10: "0800 0000 0000 89a0".
  auto prefixes = [](const std::vector<base::Hash32>& nodes) {
    std::vector<std::string> out;
    for (const auto& node : nodes) out.push_back(base::ToHex(node).substr(0, 4));
    return out;
  };
  const std::vector<uint64_t> four = {0, 4, 7, 9};
  CHECK(prefixes(Tree(10).Proof(four)) ==
        std::vector<std::string>{"0100", "0094", "0500", "0600", "0800", "0000", "0000"});
  const std::vector<uint64_t> last = {9};
  const auto proof = Tree(10).Proof(last);
  CHECK(prefixes(proof) == std::vector<std::string>{"0800", "0000", "0000", "89a0"});
  CHECK(proof[3] == Tree(8).Root());
  // {0, 1, 4} of 8: "0094 0500 fa67".
  const std::vector<uint64_t> three = {0, 1, 4};
  CHECK(prefixes(Tree(8).Proof(three)) == std::vector<std::string>{"0094", "0500", "fa67"});
}

TEST_CASE("a partial tree recomputes merkle-tree's parking snapshots", "[wire][merkle]") {
  // Leaves 4 and 6 of 8 (TestValidatePartialTreeParkingSnapshots): the snapshot of leaf 4 holds
  // ba94 (layer 2), that of leaf 6 holds bd50 (layer 1) then ba94.
  const std::vector<uint64_t> indices = {4, 6};
  const auto proof = Tree(8).Proof(indices);
  auto tree = CalcPartialTree(indices, LeafBytes(indices), AsBytes(proof), Sha256Node);
  REQUIRE(tree.ok());
  const auto root = Tree(8).Root();
  CHECK(tree->root == std::vector<uint8_t>(root.begin(), root.end()));
  const std::string ba94 = "ba94ffe7edabf26ef12736f8eb5ce74d15bedb6af61444ae2906e926b1a95084";
  const std::string bd50 = "bd50456d5ad175ae99a1612a53ca229124b65d3eaabd9ff9c7ab979a385cf6b3";
  REQUIRE(tree->parking_snapshots.size() == 2);
  CHECK(base::ToHex(tree->parking_snapshots[0]) == ba94);
  CHECK(base::ToHex(tree->parking_snapshots[1]) == bd50 + ba94);
}

TEST_CASE("the partial-tree validator vector of leaf 3", "[wire][merkle]") {
  // TestValidatePartialTree: three zero-valued proof nodes lead to 2657509b...
  const std::vector<uint64_t> indices = {3};
  const std::vector<std::vector<uint8_t>> nodes(3, std::vector<uint8_t>(32, 0));
  CHECK(ValidatePartialTree(indices, LeafBytes(indices), nodes,
                            Unhex("2657509b700c67b205c5196ee9a231e0fe567f1dae4a15bb52c0de813d65677a"), Sha256Node)
            .ok());
}

TEST_CASE("multi-proofs validate and give the tree's parked nodes as snapshots", "[wire][merkle]") {
  // Every subset of up to 12 leaves, and 300 pseudo-random subsets of 13..40 leaves.
  uint64_t rng = 0x9e3779b97f4a7c15;
  for (uint64_t n = 1; n <= 40; ++n) {
    MerkleTree tree(Sha256Node);
    std::vector<std::vector<uint8_t>> parked_before(n);
    for (uint64_t i = 0; i < n; ++i) {
      tree.AppendParkedNodes(parked_before[i]);
      tree.AddLeaf(Leaf(i));
    }
    const auto root = tree.Root();
    const uint64_t rounds = n <= 12 ? (uint64_t{1} << n) - 1 : 300;
    for (uint64_t round = 1; round <= rounds; ++round) {
      std::vector<uint64_t> indices;
      for (uint64_t i = 0; i < n; ++i) {
        rng = rng * 6364136223846793005u + 1442695040888963407u;
        if (n <= 12 ? (round >> i & 1) : (rng >> 61) == 0) indices.push_back(i);
      }
      if (indices.empty()) continue;
      INFO("n=" << n << " round=" << round);
      const auto proof = tree.Proof(indices);
      auto partial = CalcPartialTree(indices, LeafBytes(indices), AsBytes(proof), Sha256Node);
      REQUIRE(partial.ok());
      CHECK(partial->root == std::vector<uint8_t>(root.begin(), root.end()));
      REQUIRE(partial->parking_snapshots.size() == indices.size());
      for (size_t k = 0; k < indices.size(); ++k) {
        CHECK(partial->parking_snapshots[k] == parked_before[indices[k]]);
      }
    }
  }
}

TEST_CASE("partial-tree validation rejects bad input as merkle-tree does", "[wire][merkle]") {
  const auto root = Tree(8).Root();
  const std::vector<uint64_t> indices = {0, 4, 7};
  const auto nodes = AsBytes(Tree(8).Proof(indices));
  const auto leaves = LeafBytes(indices);

  const std::vector<uint64_t> two = {3, 5};
  CHECK(ValidatePartialTree(two, LeafBytes({3}), nodes, root, Sha256Node).message() ==
        "number of leaves (1) must equal number of indices (2)");
  CHECK(ValidatePartialTree({}, {}, nodes, root, Sha256Node).message() ==
        "at least one leaf is required for validation");
  const std::vector<uint64_t> unsorted = {5, 3};
  CHECK(ValidatePartialTree(unsorted, LeafBytes({5, 3}), nodes, root, Sha256Node).message() ==
        "leafIndices are not sorted");
  const std::vector<uint64_t> duplicate = {3, 3};
  CHECK(ValidatePartialTree(duplicate, LeafBytes({3, 3}), nodes, root, Sha256Node).message() ==
        "leafIndices contain duplicates");

  CHECK(ValidatePartialTree(indices, leaves, nodes, root, Sha256Node).ok());
  auto wrong_leaf = leaves;
  wrong_leaf[1][0] ^= 1;
  CHECK(ValidatePartialTree(indices, wrong_leaf, nodes, root, Sha256Node).code() == base::Status::Code::kInvalidProof);
  auto missing = nodes;
  missing.pop_back();
  CHECK_FALSE(ValidatePartialTree(indices, leaves, missing, root, Sha256Node).ok());
  auto extra = nodes;
  extra.push_back(std::vector<uint8_t>(32, 0));
  CHECK_FALSE(ValidatePartialTree(indices, leaves, extra, root, Sha256Node).ok());
  const std::vector<uint64_t> shifted = {0, 4, 6};
  CHECK_FALSE(ValidatePartialTree(shifted, leaves, nodes, root, Sha256Node).ok());
}
