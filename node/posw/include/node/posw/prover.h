// The PoET prover's sequential work for one round (reference/activation.md §4.4; PO
// prover/prover.go): labels appended one by one to a merkle tree salted with the statement, then
// a proof for the Fiat-Shamir-chosen leaves.
//
// Memory: the reference keeps the tree's layers in files; a round here has at most a few hundred
// thousand leaves, so every layer stays in memory (about 64 bytes per leaf). Labels only need
// the parked nodes, but the proof needs leaves and nodes chosen after the last leaf. The saved
// state holds the leaves only; the upper layers are rebuilt on restore (one hash per leaf, against
// 400 per label).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "node/posw/labels.h"
#include "node/wire/merkle.h"
#include "node/wire/poet_proof.h"

namespace node::posw {

// Why RunUntil returned.
enum class RunEnd {
  kDeadline,  // the deadline passed with at least kSecurityParam leaves
  kLeafCap,   // leaf_count() reached the cap
  kStopped,   // the stop flag was set
};

// Not thread-safe: one thread steps, saves and proves; only `stop` may be set from elsewhere.
class Prover {
 public:
  // A new round over `statement` (the membership root of its members).
  explicit Prover(const base::Hash32& statement);

  const base::Hash32& statement() const { return statement_; }
  uint64_t leaf_count() const { return tree_.leaf_count(); }

  // Appends n labels.
  void AddLeaves(uint64_t n);
  // Appends labels until `stop` is set, leaf_count() reaches leaf_cap, or the deadline has
  // passed and there are at least kSecurityParam leaves (the reference keeps going past its
  // deadline until a proof is possible).
  RunEnd RunUntil(std::chrono::system_clock::time_point deadline, uint64_t leaf_cap, const std::atomic<bool>& stop);

  // The proof over the current leaves: root, the labels at FiatShamir(root, leaves,
  // security_param) in ascending order, and their multi-proof. FailedPrecondition without
  // leaves. The reference verifier accepts only security_param = kSecurityParam.
  base::Result<wire::PoetProof> Prove(uint32_t security_param = kSecurityParam) const;

  // The round's state as bytes, so that a restarted node resumes it: magic, statement, leaf
  // count, the leaves, and a blake3 checksum.
  std::vector<uint8_t> SaveState() const;
  // The prover SaveState wrote; Corruption on anything else.
  static base::Result<Prover> RestoreState(std::span<const uint8_t> state);

 private:
  void AddLeaf();

  base::Hash32 statement_;
  LabelHasher labels_;
  wire::MerkleTree tree_;
  std::vector<uint8_t> parked_;  // scratch for the label input
};

}  // namespace node::posw
