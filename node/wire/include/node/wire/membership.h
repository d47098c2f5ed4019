// The PoET membership tree (reference/activation.md §4.5): members (the registered challenge
// hashes, in the PoET's order) are leaves, nodes are blake3(0x01 || left || right). Its root is the
// round's PoSW statement; an ATX proves its challenge is a member with MerkleProofV1.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"

namespace node::wire {

// blake3(0x01 || left || right) (PO shared.HashMembershipTreeNode).
base::Hash32 MembershipNode(std::span<const uint8_t> left, std::span<const uint8_t> right);

// The statement of a round; InvalidArgument when there are no members.
base::Result<base::Hash32> MembershipRoot(std::span<const base::Hash32> members);
// The sibling nodes, bottom-up, proving members[index]; InvalidArgument when index is out of range.
base::Result<std::vector<base::Hash32>> MembershipProof(std::span<const base::Hash32> members, uint64_t index);
// Checks the proof as the ATX validator does (ValidatePartialTree over one leaf); InvalidProof if
// it does not lead to `root`.
base::Status VerifyMembership(const base::Hash32& leaf, uint64_t index, std::span<const base::Hash32> nodes,
                              const base::Hash32& root);

}  // namespace node::wire
