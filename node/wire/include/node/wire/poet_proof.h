// The PoET proof as nodes store, hash and serve it (reference/activation.md §4.5): the PoSW merkle
// proof with its leaf count, and the message that adds the service, round and statement.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "node/wire/scale.h"
#include "node/wire/signing.h"

namespace node::wire {

inline constexpr uint32_t kMaxPoetNode = 32;       // root, each leaf and each proof node
inline constexpr uint32_t kMaxProvenLeaves = 150;  // the security parameter T
inline constexpr uint32_t kMaxProofNodes = 5400;   // 36 nodes per proven leaf
inline constexpr uint32_t kMaxPoetServiceId = 32;
inline constexpr uint32_t kMaxRoundId = 32;

// The PoSW output: the tree root, the Fiat-Shamir-chosen labels (ascending index) and the merkle
// multi-proof for them. Byte strings, not arrays: they are hashed as received.
struct PoetProof {
  std::vector<uint8_t> root;
  std::vector<std::vector<uint8_t>> proven_leaves;
  std::vector<std::vector<uint8_t>> proof_nodes;
  uint64_t leaf_count = 0;
  bool operator==(const PoetProof&) const = default;
};

// What the node stores and serves under the proof's ref. statement is the membership root over
// the round's members; the reference leaves the signature all zero and never checks it.
struct PoetProofMessage {
  PoetProof proof;
  std::vector<uint8_t> poet_service_id;  // the PoET's public key
  std::string round_id;
  base::Hash32 statement{};
  Signature signature{};
  bool operator==(const PoetProofMessage&) const = default;
};

// Field-by-field SCALE of a PoetProof, for messages that embed it.
void EncodePoetProofFields(Encoder& enc, const PoetProof& proof);
PoetProof DecodePoetProofFields(Decoder& dec);

base::Result<std::vector<uint8_t>> EncodePoetProof(const PoetProof& proof);
// The whole input must be one proof (no trailing bytes).
base::Result<PoetProof> DecodePoetProof(std::span<const uint8_t> bytes);
base::Result<std::vector<uint8_t>> EncodePoetProofMessage(const PoetProofMessage& message);
base::Result<PoetProofMessage> DecodePoetProofMessage(std::span<const uint8_t> bytes);

// The proof's ref, blake3(SCALE(proof)): the PoST challenge and PostMetadata.Challenge of the
// ATXs that used it. Service, round and statement are not covered.
base::Result<base::Hash32> PoetProofRef(const PoetProof& proof);

}  // namespace node::wire
