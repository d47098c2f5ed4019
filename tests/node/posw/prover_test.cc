// The PoSW prover and verifier together: honest proofs verify, tampered ones do not, and a
// saved and restored round gives the identical proof.
#include "node/posw/prover.h"

#include <catch2/catch.hpp>

#include "node/posw/fiat_shamir.h"
#include "node/posw/verifier.h"
#include "node/wire/merkle.h"

namespace {

using node::posw::kSecurityParam;
using node::posw::Prover;
using node::posw::RunEnd;
using node::posw::Verify;

base::Hash32 Statement(uint8_t value) {
  base::Hash32 statement;
  statement.fill(value);
  return statement;
}

node::wire::PoetProof ProofOf(uint64_t leaves, uint32_t security_param = kSecurityParam) {
  Prover prover(Statement(0x42));
  prover.AddLeaves(leaves);
  auto proof = prover.Prove(security_param);
  REQUIRE(proof.ok());
  return *proof;
}

}  // namespace

TEST_CASE("proofs of 150, 151 and 1000 leaves verify", "[posw][prover]") {
  for (uint64_t leaves : {150, 151, 1000}) {
    INFO(leaves << " leaves");
    const auto proof = ProofOf(leaves);
    CHECK(proof.leaf_count == leaves);
    CHECK(proof.proven_leaves.size() == 150);
    CHECK(proof.root.size() == 32);
    CHECK(proof.proof_nodes.size() <= 150 * 36);
    CHECK(Verify(proof, Statement(0x42)).ok());
    CHECK_FALSE(Verify(proof, Statement(0x43)).ok());
  }
}

TEST_CASE("1, 2 and 3 leaves prove all leaves; only a matching T verifies", "[posw][prover]") {
  for (uint32_t leaves : {1u, 2u, 3u}) {
    INFO(leaves << " leaves");
    const auto proof = ProofOf(leaves);
    CHECK(proof.proven_leaves.size() == leaves);
    // The reference verifier wants exactly T = 150 leaves.
    const base::Status status = Verify(proof, Statement(0x42));
    CHECK(status.code() == base::Status::Code::kInvalidProof);
    CHECK(status.message() ==
          "posw: number of proven leaves (" + std::to_string(leaves) + ") must be equal to security param (150)");
    CHECK(Verify(proof, Statement(0x42), leaves).ok());
  }
  // A one-leaf tree: the root is the label of leaf 0, which hashes BE64(0) only.
  const auto single = ProofOf(1);
  CHECK(single.proof_nodes.empty());
  CHECK(single.root == single.proven_leaves[0]);
  node::posw::LabelHasher labels(Statement(0x42));
  const base::Hash32 label0 = labels.Label(0, {});
  CHECK(single.root == std::vector<uint8_t>(label0.begin(), label0.end()));
}

TEST_CASE("proven leaves are the Fiat-Shamir indices' labels in ascending order", "[posw][prover]") {
  Prover prover(Statement(0x42));
  prover.AddLeaves(400);
  const auto proof = *prover.Prove();
  const auto indices = node::posw::FiatShamir(proof.root, 400, kSecurityParam);
  // Rebuild the labels independently: label i over the tree's parked nodes before leaf i.
  node::posw::LabelHasher labels(Statement(0x42));
  node::wire::MerkleTree tree(node::posw::PoswNodeHash(Statement(0x42)));
  std::vector<base::Hash32> all;
  for (uint64_t i = 0; i < 400; ++i) {
    std::vector<uint8_t> parked;
    tree.AppendParkedNodes(parked);
    all.push_back(labels.Label(i, parked));
    tree.AddLeaf(all.back());
  }
  const base::Hash32 root = tree.Root();
  CHECK(proof.root == std::vector<uint8_t>(root.begin(), root.end()));
  for (size_t k = 0; k < indices.size(); ++k) {
    CHECK(proof.proven_leaves[k] == std::vector<uint8_t>(all[indices[k]].begin(), all[indices[k]].end()));
  }
}

TEST_CASE("proofs equal those of a literal port of the reference prover", "[posw][prover]") {
  // Values from a line-by-line Python port of merkle-tree's Tree/RootAndProof and poet's
  // sequentialWork/FiatShamir (run offline), statement = 32 x 0x5c, 1000 leaves.
  Prover prover(Statement(0x5c));
  prover.AddLeaves(1000);
  const auto proof = *prover.Prove();
  CHECK(base::ToHex(proof.root) == "67c05971af332186045c96d333e19b4d41f71f26ad27d16d6bf48f21716d1dc9");
  CHECK(base::ToHex(proof.proven_leaves[0]) == "56c2c5925880ec8611a1420c6213e26b9b996accd79e67e2ae8649cf499f1dcd");
  REQUIRE(proof.proof_nodes.size() == 320);
  // Label 0 hashes only BE64(0); it is the first sibling here.
  CHECK(base::ToHex(proof.proof_nodes[0]) == "45737b84e2a5674bbc594f4a4cb9eae266451a0e7c255d9d3b2ff6583f152b0c");
}

TEST_CASE("tampered proofs are rejected", "[posw][verifier]") {
  const auto honest = ProofOf(300);
  REQUIRE(Verify(honest, Statement(0x42)).ok());
  auto rejects = [](const node::wire::PoetProof& proof) {
    return Verify(proof, Statement(0x42)).code() == base::Status::Code::kInvalidProof;
  };
  auto proof = honest;
  proof.proven_leaves[17][5] ^= 1;
  CHECK(rejects(proof));
  proof = honest;
  proof.proof_nodes[100][0] ^= 0x80;
  CHECK(rejects(proof));
  proof = honest;
  proof.root[31] ^= 1;
  CHECK(rejects(proof));
  proof = honest;
  proof.leaf_count = 301;  // other indices
  CHECK(rejects(proof));
  proof = honest;
  proof.proof_nodes.pop_back();
  CHECK(rejects(proof));
  proof = honest;
  proof.proof_nodes.push_back(std::vector<uint8_t>(32, 0));
  CHECK(rejects(proof));
  proof = honest;
  proof.proven_leaves.pop_back();
  CHECK(rejects(proof));
  proof = honest;
  std::swap(proof.proven_leaves[3], proof.proven_leaves[4]);
  CHECK(rejects(proof));
  proof = honest;
  proof.proven_leaves[0].push_back(0);  // a 33-byte label never equals a digest
  CHECK(rejects(proof));
}

TEST_CASE("a proof whose labels ignore the parked nodes is rejected", "[posw][verifier]") {
  // A tree of labels hashed without their left siblings: the merkle proof is consistent, the
  // sequential dependency is not.
  node::posw::LabelHasher labels(Statement(0x42));
  node::wire::MerkleTree tree(node::posw::PoswNodeHash(Statement(0x42)));
  for (uint64_t i = 0; i < 200; ++i) tree.AddLeaf(labels.Label(i, {}));
  node::wire::PoetProof proof;
  const base::Hash32 root = tree.Root();
  proof.root.assign(root.begin(), root.end());
  proof.leaf_count = 200;
  const auto indices = node::posw::FiatShamir(root, 200, kSecurityParam);
  for (uint64_t i : indices) proof.proven_leaves.emplace_back(tree.leaf(i).begin(), tree.leaf(i).end());
  for (const auto& node : tree.Proof(indices)) proof.proof_nodes.emplace_back(node.begin(), node.end());
  const base::Status status = Verify(proof, Statement(0x42));
  CHECK(status.code() == base::Status::Code::kInvalidProof);
  CHECK(status.message().find("label at index") != std::string::npos);
}

TEST_CASE("save and restore resume the round with the identical proof", "[posw][prover]") {
  Prover uninterrupted(Statement(0x11));
  uninterrupted.AddLeaves(500);
  const auto expected = *uninterrupted.Prove();

  Prover first(Statement(0x11));
  first.AddLeaves(173);
  const std::vector<uint8_t> state = first.SaveState();
  CHECK(state.size() == 4 + 32 + 8 + 32 * 173 + 32);
  auto restored = Prover::RestoreState(state);
  REQUIRE(restored.ok());
  CHECK(restored->leaf_count() == 173);
  CHECK(restored->statement() == Statement(0x11));
  restored->AddLeaves(327);
  CHECK(*restored->Prove() == expected);
  CHECK(Verify(expected, Statement(0x11)).ok());

  auto empty = Prover::RestoreState(Prover(Statement(0x11)).SaveState());
  REQUIRE(empty.ok());
  CHECK(empty->leaf_count() == 0);
  CHECK(empty->Prove().status().code() == base::Status::Code::kFailedPrecondition);
}

TEST_CASE("corrupt prover state is refused", "[posw][prover]") {
  Prover prover(Statement(0x11));
  prover.AddLeaves(3);
  const auto state = prover.SaveState();
  auto flipped = state;
  flipped[50] ^= 1;
  CHECK(Prover::RestoreState(flipped).status().code() == base::Status::Code::kCorruption);
  auto short_state = state;
  short_state.resize(20);
  CHECK(Prover::RestoreState(short_state).status().code() == base::Status::Code::kCorruption);
  auto bad_magic = state;
  bad_magic[0] = 'X';
  CHECK(Prover::RestoreState(bad_magic).status().message() == "posw state: not a saved prover state");
}

TEST_CASE("RunUntil stops at the cap, on the stop flag, and after the deadline with T leaves", "[posw][prover]") {
  std::atomic<bool> stop{false};
  const auto far = std::chrono::system_clock::now() + std::chrono::hours(1);
  Prover prover(Statement(0x01));
  CHECK(prover.RunUntil(far, 20, stop) == RunEnd::kLeafCap);
  CHECK(prover.leaf_count() == 20);
  // A past deadline still runs until a proof is possible.
  const auto past = std::chrono::system_clock::now() - std::chrono::seconds(1);
  CHECK(prover.RunUntil(past, 1000, stop) == RunEnd::kDeadline);
  CHECK(prover.leaf_count() == kSecurityParam);
  stop = true;
  CHECK(prover.RunUntil(far, 1000, stop) == RunEnd::kStopped);
  CHECK(prover.leaf_count() == kSecurityParam);
  CHECK(Verify(*prover.Prove(), Statement(0x01)).ok());
}
