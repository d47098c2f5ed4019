// The NIPoST challenge V1 that a node registers at a PoET (reference/activation.md §2.2, §2.4),
// and the PoST proof V1 that an initial challenge carries.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "node/wire/scale.h"

namespace node::wire {

inline constexpr uint32_t kMaxPostIndices = 800;  // PostV1.Indices, up to K2 = 100 indices

// A PoST proof: the nonce, the packed label indices and the k2pow nonce.
struct PostV1 {
  uint32_t nonce = 0;
  std::vector<uint8_t> indices;  // at most kMaxPostIndices bytes
  uint64_t pow = 0;
  bool operator==(const PostV1&) const = default;
};

// The challenge fields of an ATX; commitment_atx and initial_post are set in the first ATX only.
struct NIPostChallengeV1 {
  uint32_t publish_epoch = 0;
  uint64_t sequence = 0;
  base::Hash32 prev_atx{};  // all zero in the first ATX
  base::Hash32 positioning_atx{};
  std::optional<base::Hash32> commitment_atx;
  std::optional<PostV1> initial_post;
  bool operator==(const NIPostChallengeV1&) const = default;
};

// Field-by-field SCALE of the two structs, for the messages that embed them.
void EncodePost(Encoder& enc, const PostV1& post);
PostV1 DecodePost(Decoder& dec);
void EncodeChallengeFields(Encoder& enc, const NIPostChallengeV1& challenge);
NIPostChallengeV1 DecodeChallengeFields(Decoder& dec);

// SCALE(challenge); fails on indices longer than kMaxPostIndices.
base::Result<std::vector<uint8_t>> EncodeChallenge(const NIPostChallengeV1& challenge);
// The whole input must be one challenge (no trailing bytes).
base::Result<NIPostChallengeV1> DecodeChallenge(std::span<const uint8_t> bytes);

// blake3(0x00 || SCALE(challenge)): the 32 bytes registered at the PoET, a member leaf of its
// round (the 0x00 prefix separates leaves from the membership tree's 0x01 nodes).
base::Result<base::Hash32> ChallengeHash(const NIPostChallengeV1& challenge);

}  // namespace node::wire
