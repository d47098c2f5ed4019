// Merkle trees with the semantics of spacemeshos/merkle-tree (reference/activation.md §4.6), used
// by the PoET membership tree and the PoSW tree: leaves as given, parent = hash(left, right), a
// lone node paired with 32 zero bytes, a one-leaf tree's root is the leaf, proofs bottom-up.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"

namespace node::wire {

// The parent of two nodes. Inputs are byte strings: a received proof's nodes are hashed as they
// are, whatever their length.
using NodeHash = std::function<base::Hash32(std::span<const uint8_t> left, std::span<const uint8_t> right)>;

// The merkle-tree library's default node hash, sha256(left || right).
base::Hash32 Sha256Node(std::span<const uint8_t> left, std::span<const uint8_t> right);

// A tree built one leaf at a time that keeps every layer (2 x 32 bytes per leaf), so the root,
// the parked nodes and multi-leaf proofs are all available at any point.
class MerkleTree {
 public:
  explicit MerkleTree(NodeHash hash) : hash_(std::move(hash)) {}

  void AddLeaf(const base::Hash32& leaf);
  uint64_t leaf_count() const { return layers_.empty() ? 0 : layers_[0].size(); }
  const base::Hash32& leaf(uint64_t index) const { return layers_.at(0).at(index); }

  // Appends, lowest layer first, each layer's parked node (a left node still waiting for its
  // sibling): the PoSW label input for the next leaf. Layers without one add nothing.
  void AppendParkedNodes(std::vector<uint8_t>& out) const;
  // The root, padding unpaired nodes with 32 zero bytes. Requires at least one leaf.
  base::Hash32 Root() const;
  // The multi-leaf proof for sorted, distinct leaf indices below leaf_count(): the sibling nodes
  // in the order the reference's GenerateProof emits them and its validator consumes them
  // (bottom-up, descending into a sibling subtree that holds the next proven leaf first).
  std::vector<base::Hash32> Proof(std::span<const uint64_t> sorted_indices) const;

 private:
  base::Hash32 NodeAt(uint64_t height, uint64_t index) const;
  void AppendProof(std::span<const uint64_t> indices, size_t& next, uint64_t stop_height,
                   std::vector<base::Hash32>& out) const;

  NodeHash hash_;
  std::vector<std::vector<base::Hash32>> layers_;  // layers_[h]: the completed nodes of height h
};

// What a partial tree (proven leaves + proof nodes) recomputes.
struct PartialTree {
  std::vector<uint8_t> root;
  // Per proven leaf: the concatenated parked nodes (lowest layer first) at the moment the leaf
  // was added to the tree, which the PoSW label of that leaf hashes.
  std::vector<std::vector<uint8_t>> parking_snapshots;
};

// Recomputes the root exactly as merkle-tree's ValidatePartialTreeWithParkingSnapshots: walks up
// from each leaf, takes a sibling from `nodes` unless the sibling holds the next leaf, and stops
// when the nodes run out. InvalidProof on an index/leaf count mismatch, no leaves, unsorted or
// duplicate indices.
base::Result<PartialTree> CalcPartialTree(std::span<const uint64_t> indices,
                                          std::span<const std::vector<uint8_t>> leaves,
                                          std::span<const std::vector<uint8_t>> nodes, const NodeHash& hash);
// CalcPartialTree, then InvalidProof "merkle proof not valid" unless the root is expected_root.
base::Status ValidatePartialTree(std::span<const uint64_t> indices, std::span<const std::vector<uint8_t>> leaves,
                                 std::span<const std::vector<uint8_t>> nodes, std::span<const uint8_t> expected_root,
                                 const NodeHash& hash);

}  // namespace node::wire
