#include "node/wire/challenge.h"

#include "post/blake3.h"

namespace node::wire {

void EncodePost(Encoder& enc, const PostV1& post) {
  enc.Compact32(post.nonce);
  enc.Bytes("indices", post.indices, kMaxPostIndices);
  enc.Compact64(post.pow);
}

PostV1 DecodePost(Decoder& dec) {
  PostV1 post;
  post.nonce = dec.Compact32("nonce");
  post.indices = dec.Bytes("indices", kMaxPostIndices);
  post.pow = dec.Compact64("pow");
  return post;
}

void EncodeChallengeFields(Encoder& enc, const NIPostChallengeV1& challenge) {
  enc.Compact32(challenge.publish_epoch);
  enc.Compact64(challenge.sequence);
  enc.Fixed(challenge.prev_atx);
  enc.Fixed(challenge.positioning_atx);
  enc.Option(challenge.commitment_atx.has_value());
  if (challenge.commitment_atx) enc.Fixed(*challenge.commitment_atx);
  enc.Option(challenge.initial_post.has_value());
  if (challenge.initial_post) {
    FieldPath::Scope scope(enc.path(), "initial_post");
    EncodePost(enc, *challenge.initial_post);
  }
}

NIPostChallengeV1 DecodeChallengeFields(Decoder& dec) {
  NIPostChallengeV1 challenge;
  challenge.publish_epoch = dec.Compact32("publish_epoch");
  challenge.sequence = dec.Compact64("sequence");
  dec.Fixed("prev_atx", challenge.prev_atx);
  dec.Fixed("positioning_atx", challenge.positioning_atx);
  if (dec.Option("commitment_atx")) {
    dec.Fixed("commitment_atx", challenge.commitment_atx.emplace());
  }
  if (dec.Option("initial_post")) {
    FieldPath::Scope scope(dec.path(), "initial_post");
    challenge.initial_post = DecodePost(dec);
  }
  return challenge;
}

base::Result<std::vector<uint8_t>> EncodeChallenge(const NIPostChallengeV1& challenge) {
  Encoder enc;
  EncodeChallengeFields(enc, challenge);
  auto bytes = std::move(enc).Finish();
  if (!bytes.ok()) return bytes.status().WithContext("challenge");
  return bytes;
}

base::Result<NIPostChallengeV1> DecodeChallenge(std::span<const uint8_t> bytes) {
  Decoder dec(bytes);
  NIPostChallengeV1 challenge = DecodeChallengeFields(dec);
  if (auto status = dec.Finish(); !status.ok()) return status.WithContext("challenge");
  return challenge;
}

base::Result<base::Hash32> ChallengeHash(const NIPostChallengeV1& challenge) {
  auto bytes = EncodeChallenge(challenge);
  if (!bytes.ok()) return bytes.status();
  const uint8_t leaf_prefix = 0x00;
  return post::Blake3Hash({{&leaf_prefix, 1}, *bytes});
}

}  // namespace node::wire
