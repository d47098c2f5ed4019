#include "node/posw/verifier.h"

#include <algorithm>
#include <string>

#include "node/posw/fiat_shamir.h"
#include "node/wire/merkle.h"

namespace node::posw {

base::Status Verify(const wire::PoetProof& proof, std::span<const uint8_t> statement, uint32_t security_param) {
  if (proof.proven_leaves.size() != security_param) {
    return base::Status::InvalidProof("posw: number of proven leaves (" + std::to_string(proof.proven_leaves.size()) +
                                      ") must be equal to security param (" + std::to_string(security_param) + ")");
  }
  const std::vector<uint64_t> indices = FiatShamir(proof.root, proof.leaf_count, security_param);
  auto tree = wire::CalcPartialTree(indices, proof.proven_leaves, proof.proof_nodes, PoswNodeHash(statement));
  if (!tree.ok()) return tree.status().WithContext("posw: error while validating merkle proof");
  if (tree->root != proof.root) return base::Status::InvalidProof("posw: merkle proof not valid");
  if (tree->parking_snapshots.size() != proof.proven_leaves.size()) {
    return base::Status::InvalidProof(
        "posw: merkle proof not valid: " + std::to_string(tree->parking_snapshots.size()) + " parking snapshots for " +
        std::to_string(proof.proven_leaves.size()) + " leaves");
  }
  LabelHasher labels(statement);
  for (size_t i = 0; i < indices.size(); ++i) {
    const base::Hash32 expected = labels.Label(indices[i], tree->parking_snapshots[i]);
    if (!std::equal(expected.begin(), expected.end(), proof.proven_leaves[i].begin(), proof.proven_leaves[i].end())) {
      return base::Status::InvalidProof("posw: label at index " + std::to_string(i) + " incorrect");
    }
  }
  return base::Status::Ok();
}

}  // namespace node::posw
