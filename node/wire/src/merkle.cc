#include "node/wire/merkle.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <string>

#include "node/wire/sha256.h"

namespace node::wire {
namespace {

constexpr base::Hash32 kPadding{};  // merkle-tree's PaddingValue

// Height of the root of a tree with `leaves` leaves (RootHeightFromWidth).
uint64_t RootHeight(uint64_t leaves) { return leaves <= 1 ? 0 : std::bit_width(leaves - 1); }

// Position (height, index) is an ancestor of (or is) leaf `leaf`, with Go's shift semantics.
bool IsAncestor(uint64_t index, uint64_t height, uint64_t leaf) { return index == (height >= 64 ? 0 : leaf >> height); }

void Append(std::vector<uint8_t>& out, std::span<const uint8_t> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

// Validator.CalcRoot of merkle-tree/validation.go, over the inputs it was built with.
class PartialTreeWalk {
 public:
  struct Subtree {
    std::vector<uint8_t> node;
    std::vector<std::vector<uint8_t>> snapshots;  // one per leaf consumed, in leaf order
  };

  PartialTreeWalk(std::span<const uint64_t> indices, std::span<const std::vector<uint8_t>> leaves,
                  std::span<const std::vector<uint8_t>> nodes, const NodeHash& hash)
      : indices_(indices), leaves_(leaves), nodes_(nodes), hash_(hash) {}

  // Climbs from the next unconsumed leaf up to `stop_height` or until the proof nodes run out.
  Subtree Climb(uint64_t stop_height) {
    uint64_t index = indices_[next_leaf_];
    std::vector<uint8_t> active = leaves_[next_leaf_];
    ++next_leaf_;
    std::vector<std::vector<uint8_t>> snapshots(1);
    for (uint64_t height = 0; height != stop_height; ++height, index >>= 1) {
      std::vector<uint8_t> sibling;
      std::vector<std::vector<uint8_t>> sibling_snapshots;
      if (next_leaf_ < indices_.size() && IsAncestor(index ^ 1, height, indices_[next_leaf_])) {
        Subtree sub = Climb(height);
        sibling = std::move(sub.node);
        sibling_snapshots = std::move(sub.snapshots);
      } else if (next_node_ < nodes_.size()) {
        sibling = nodes_[next_node_++];
      } else {
        break;
      }
      base::Hash32 parent;
      if (index & 1) {
        // Every leaf below `active` was added while `sibling` was parked at this height.
        for (auto& snapshot : snapshots) Append(snapshot, sibling);
        parent = hash_(sibling, active);
      } else {
        // The leaves below a computed right sibling were added while `active` was parked here.
        for (auto& snapshot : sibling_snapshots) {
          Append(snapshot, active);
          snapshots.push_back(std::move(snapshot));
        }
        parent = hash_(active, sibling);
      }
      active.assign(parent.begin(), parent.end());
    }
    return {std::move(active), std::move(snapshots)};
  }

 private:
  std::span<const uint64_t> indices_;
  std::span<const std::vector<uint8_t>> leaves_;
  std::span<const std::vector<uint8_t>> nodes_;
  const NodeHash& hash_;
  size_t next_leaf_ = 0;
  size_t next_node_ = 0;
};

}  // namespace

base::Hash32 Sha256Node(std::span<const uint8_t> left, std::span<const uint8_t> right) {
  return Sha256Hash({left, right});
}

void MerkleTree::AddLeaf(const base::Hash32& leaf) {
  if (layers_.empty()) layers_.emplace_back();
  layers_[0].push_back(leaf);
  for (size_t height = 0; layers_[height].size() % 2 == 0; ++height) {
    const auto& layer = layers_[height];
    const base::Hash32 parent = hash_(layer[layer.size() - 2], layer.back());
    if (layers_.size() == height + 1) layers_.emplace_back();
    layers_[height + 1].push_back(parent);
  }
}

void MerkleTree::AppendParkedNodes(std::vector<uint8_t>& out) const {
  for (const auto& layer : layers_) {
    if (layer.size() % 2 == 1) Append(out, layer.back());
  }
}

base::Hash32 MerkleTree::NodeAt(uint64_t height, uint64_t index) const {
  if (height < layers_.size() && index < layers_[height].size()) return layers_[height][index];
  const uint64_t last_leaf = leaf_count() - 1;
  const bool holds_leaves = height >= 64 ? index == 0 : index <= last_leaf >> height;
  if (height == 0 || !holds_leaves) return kPadding;
  // A node on the right edge whose subtree is only partly filled.
  return hash_(NodeAt(height - 1, 2 * index), NodeAt(height - 1, 2 * index + 1));
}

base::Hash32 MerkleTree::Root() const {
  if (leaf_count() == 0) {
    base::FailContract("MerkleTree::Root", base::Status::FailedPrecondition("the tree is empty"));
  }
  return NodeAt(RootHeight(leaf_count()), 0);
}

std::vector<base::Hash32> MerkleTree::Proof(std::span<const uint64_t> sorted_indices) const {
  for (size_t i = 0; i < sorted_indices.size(); ++i) {
    if (sorted_indices[i] >= leaf_count() || (i > 0 && sorted_indices[i] <= sorted_indices[i - 1])) {
      base::FailContract(
          "MerkleTree::Proof",
          base::Status::InvalidArgument("indices must be sorted, distinct and below " + std::to_string(leaf_count())));
    }
  }
  std::vector<base::Hash32> out;
  size_t next = 0;
  if (!sorted_indices.empty()) AppendProof(sorted_indices, next, RootHeight(leaf_count()), out);
  return out;
}

void MerkleTree::AppendProof(std::span<const uint64_t> indices, size_t& next, uint64_t stop_height,
                             std::vector<base::Hash32>& out) const {
  uint64_t index = indices[next++];
  for (uint64_t height = 0; height < stop_height; ++height, index >>= 1) {
    const uint64_t sibling = index ^ 1;
    if (next < indices.size() && (indices[next] >> height) == sibling) {
      AppendProof(indices, next, height, out);
    } else {
      out.push_back(NodeAt(height, sibling));
    }
  }
}

base::Result<PartialTree> CalcPartialTree(std::span<const uint64_t> indices,
                                          std::span<const std::vector<uint8_t>> leaves,
                                          std::span<const std::vector<uint8_t>> nodes, const NodeHash& hash) {
  if (indices.size() != leaves.size()) {
    return base::Status::InvalidProof("number of leaves (" + std::to_string(leaves.size()) +
                                      ") must equal number of indices (" + std::to_string(indices.size()) + ")");
  }
  if (leaves.empty()) {
    return base::Status::InvalidProof("at least one leaf is required for validation");
  }
  if (!std::is_sorted(indices.begin(), indices.end())) {
    return base::Status::InvalidProof("leafIndices are not sorted");
  }
  if (std::adjacent_find(indices.begin(), indices.end()) != indices.end()) {
    return base::Status::InvalidProof("leafIndices contain duplicates");
  }
  PartialTreeWalk walk(indices, leaves, nodes, hash);
  auto top = walk.Climb(std::numeric_limits<uint64_t>::max());
  return PartialTree{std::move(top.node), std::move(top.snapshots)};
}

base::Status ValidatePartialTree(std::span<const uint64_t> indices, std::span<const std::vector<uint8_t>> leaves,
                                 std::span<const std::vector<uint8_t>> nodes, std::span<const uint8_t> expected_root,
                                 const NodeHash& hash) {
  auto tree = CalcPartialTree(indices, leaves, nodes, hash);
  if (!tree.ok()) return tree.status();
  if (!std::equal(tree->root.begin(), tree->root.end(), expected_root.begin(), expected_root.end())) {
    return base::Status::InvalidProof("merkle proof not valid");
  }
  return base::Status::Ok();
}

}  // namespace node::wire
