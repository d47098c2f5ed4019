#include "node/wire/membership.h"

#include <string>

#include "node/wire/merkle.h"
#include "post/blake3.h"

namespace node::wire {
namespace {

MerkleTree BuildTree(std::span<const base::Hash32> members) {
  MerkleTree tree(MembershipNode);
  for (const auto& member : members) tree.AddLeaf(member);
  return tree;
}

}  // namespace

base::Hash32 MembershipNode(std::span<const uint8_t> left, std::span<const uint8_t> right) {
  const uint8_t node_prefix = 0x01;
  return post::Blake3Hash({{&node_prefix, 1}, left, right});
}

base::Result<base::Hash32> MembershipRoot(std::span<const base::Hash32> members) {
  if (members.empty()) return base::Status::InvalidArgument("membership tree: no members");
  return BuildTree(members).Root();
}

base::Result<std::vector<base::Hash32>> MembershipProof(std::span<const base::Hash32> members, uint64_t index) {
  if (index >= members.size()) {
    return base::Status::InvalidArgument("membership proof: index " + std::to_string(index) + " out of " +
                                         std::to_string(members.size()) + " members");
  }
  const uint64_t indices[] = {index};
  return BuildTree(members).Proof(indices);
}

base::Status VerifyMembership(const base::Hash32& leaf, uint64_t index, std::span<const base::Hash32> nodes,
                              const base::Hash32& root) {
  const uint64_t indices[] = {index};
  const std::vector<uint8_t> leaves[] = {{leaf.begin(), leaf.end()}};
  std::vector<std::vector<uint8_t>> proof;
  proof.reserve(nodes.size());
  for (const auto& node : nodes) proof.emplace_back(node.begin(), node.end());
  return ValidatePartialTree(indices, leaves, proof, root, MembershipNode).WithContext("membership");
}

}  // namespace node::wire
