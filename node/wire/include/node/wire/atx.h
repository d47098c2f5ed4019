// The activation transaction V1 as gossiped on "ax1" (reference/activation.md §3.1-§3.2): its
// SCALE layout, its id (blake3 of the inner fields) and its ed25519 signature.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "node/wire/challenge.h"
#include "node/wire/signing.h"

namespace node::wire {

inline constexpr uint32_t kMaxMembershipNodes = 32;  // MerkleProofV1.Nodes
inline constexpr uint32_t kMaxPostChallenge = 32;    // PostMetadataV1.Challenge

// The path of the ATX's challenge hash in the PoET's membership tree.
struct MerkleProofV1 {
  std::vector<base::Hash32> nodes;  // siblings bottom-up, at most kMaxMembershipNodes
  uint64_t leaf_index = 0;
  bool operator==(const MerkleProofV1&) const = default;
};

// What the PoST proof was made over: challenge = the PoET proof ref.
struct PostMetadataV1 {
  std::vector<uint8_t> challenge;  // at most kMaxPostChallenge bytes
  uint64_t labels_per_unit = 0;
  bool operator==(const PostMetadataV1&) const = default;
};

// Membership in the PoET round plus the PoST proof over its output. Receivers require post and
// post_metadata to be present.
struct NIPostV1 {
  MerkleProofV1 membership;
  std::optional<PostV1> post;
  std::optional<PostMetadataV1> post_metadata;
  bool operator==(const NIPostV1&) const = default;
};

// Everything the ATX id covers: the challenge fields inlined, then the ATX's own fields.
struct InnerActivationTxV1 {
  NIPostChallengeV1 challenge;
  std::array<uint8_t, 24> coinbase{};  // 4 reserved zero bytes + 20
  uint32_t num_units = 0;
  std::optional<NIPostV1> nipost;
  std::optional<base::Hash32> node_id;  // Some in the initial ATX only (set by SignAtx)
  std::optional<uint64_t> vrf_nonce;    // Some in the initial ATX and when it changed
  bool operator==(const InnerActivationTxV1&) const = default;
};

struct ActivationTxV1 {
  InnerActivationTxV1 inner;
  base::Hash32 smesher_id{};  // the signer's public key
  Signature signature{};
  bool operator==(const ActivationTxV1&) const = default;
};

// SCALE of the whole message, as gossiped and stored; fails on fields above their maximum.
base::Result<std::vector<uint8_t>> EncodeAtx(const ActivationTxV1& atx);
// The whole input must be one ATX: trailing bytes are rejected, as codec.Decode does.
base::Result<ActivationTxV1> DecodeAtx(std::span<const uint8_t> bytes);

// The ATX id: blake3(SCALE(inner)), i.e. everything but smesher_id and signature.
base::Result<base::Hash32> AtxId(const ActivationTxV1& atx);
// What the ATX signature covers after the genesis prefix and domain byte:
// SCALE{publish compact32, id [32]}.
std::vector<uint8_t> SignedBytes(uint32_t publish_epoch, const base::Hash32& atx_id);

// Signs as go-spacemesh's Sign does: when prev_atx is all zero, node_id becomes Some(own key)
// before the id is computed; then signature = ed25519 over genesis_id || 0x00 || SignedBytes and
// smesher_id = own key.
base::Status SignAtx(std::span<const uint8_t, 64> private_key, const Hash20& genesis_id, ActivationTxV1& atx);
// InvalidProof "invalid atx signature" unless the signature verifies under smesher_id over the
// recomputed id.
base::Status VerifyAtxSignature(const Hash20& genesis_id, const ActivationTxV1& atx);

}  // namespace node::wire
