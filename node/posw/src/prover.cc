#include "node/posw/prover.h"

#include <algorithm>
#include <string>

#include "node/posw/fiat_shamir.h"
#include "post/blake3.h"

namespace node::posw {
namespace {

constexpr uint8_t kStateMagic[4] = {'P', 'S', 'W', '1'};
constexpr size_t kStateHeader = sizeof(kStateMagic) + 32 + 8;  // magic, statement, leaf count

std::vector<uint8_t> ToBytes(const base::Hash32& hash) { return {hash.begin(), hash.end()}; }

}  // namespace

Prover::Prover(const base::Hash32& statement)
    : statement_(statement), labels_(statement), tree_(PoswNodeHash(statement)) {}

void Prover::AddLeaf() {
  parked_.clear();
  tree_.AppendParkedNodes(parked_);
  tree_.AddLeaf(labels_.Label(tree_.leaf_count(), parked_));
}

void Prover::AddLeaves(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) AddLeaf();
}

RunEnd Prover::RunUntil(std::chrono::system_clock::time_point deadline, uint64_t leaf_cap,
                        const std::atomic<bool>& stop) {
  while (true) {
    if (stop.load(std::memory_order_relaxed)) return RunEnd::kStopped;
    if (leaf_count() >= leaf_cap) return RunEnd::kLeafCap;
    if (leaf_count() >= kSecurityParam && std::chrono::system_clock::now() >= deadline) {
      return RunEnd::kDeadline;
    }
    AddLeaf();
  }
}

base::Result<wire::PoetProof> Prover::Prove(uint32_t security_param) const {
  if (leaf_count() == 0) return base::Status::FailedPrecondition("posw prove: no leaves yet");
  wire::PoetProof proof;
  const base::Hash32 root = tree_.Root();
  proof.root = ToBytes(root);
  const std::vector<uint64_t> indices = FiatShamir(root, leaf_count(), security_param);
  for (uint64_t index : indices) proof.proven_leaves.push_back(ToBytes(tree_.leaf(index)));
  for (const auto& node : tree_.Proof(indices)) proof.proof_nodes.push_back(ToBytes(node));
  proof.leaf_count = leaf_count();
  return proof;
}

std::vector<uint8_t> Prover::SaveState() const {
  const uint64_t leaves = leaf_count();
  std::vector<uint8_t> state(kStateHeader + 32 * leaves + 32);
  uint8_t* out = std::copy(std::begin(kStateMagic), std::end(kStateMagic), state.data());
  out = std::copy(statement_.begin(), statement_.end(), out);
  for (int i = 0; i < 8; ++i) *out++ = static_cast<uint8_t>(leaves >> (8 * i));
  for (uint64_t i = 0; i < leaves; ++i) out = std::copy(tree_.leaf(i).begin(), tree_.leaf(i).end(), out);
  const base::Hash32 checksum = post::Blake3Hash({std::span<const uint8_t>(state.data(), out - state.data())});
  std::copy(checksum.begin(), checksum.end(), out);
  return state;
}

base::Result<Prover> Prover::RestoreState(std::span<const uint8_t> state) {
  if (state.size() < kStateHeader + 32 || !std::equal(std::begin(kStateMagic), std::end(kStateMagic), state.begin())) {
    return base::Status::Corruption("posw state: not a saved prover state");
  }
  const auto body = state.first(state.size() - 32);
  const base::Hash32 checksum = post::Blake3Hash({body});
  if (!std::equal(checksum.begin(), checksum.end(), state.end() - 32)) {
    return base::Status::Corruption("posw state: checksum mismatch");
  }
  base::Hash32 statement;
  std::copy_n(body.begin() + sizeof(kStateMagic), statement.size(), statement.begin());
  uint64_t leaves = 0;
  for (int i = 0; i < 8; ++i) leaves |= uint64_t{body[kStateHeader - 8 + i]} << (8 * i);
  if ((body.size() - kStateHeader) % 32 != 0 || (body.size() - kStateHeader) / 32 != leaves) {
    return base::Status::Corruption("posw state: " + std::to_string(leaves) + " leaves declared, " +
                                    std::to_string(body.size() - kStateHeader) + " bytes follow");
  }
  Prover prover(statement);
  for (uint64_t i = 0; i < leaves; ++i) {
    base::Hash32 leaf;
    std::copy_n(body.begin() + kStateHeader + 32 * i, leaf.size(), leaf.begin());
    prover.tree_.AddLeaf(leaf);
  }
  return prover;
}

}  // namespace node::posw
