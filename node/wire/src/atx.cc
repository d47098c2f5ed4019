#include "node/wire/atx.h"

#include <algorithm>

#include "post/blake3.h"

namespace node::wire {
namespace {

void EncodeNIPost(Encoder& enc, const NIPostV1& nipost) {
  {
    FieldPath::Scope scope(enc.path(), "membership");
    enc.Count("nodes", nipost.membership.nodes.size(), kMaxMembershipNodes);
    for (const auto& node : nipost.membership.nodes) enc.Fixed(node);
    enc.Compact64(nipost.membership.leaf_index);
  }
  enc.Option(nipost.post.has_value());
  if (nipost.post) {
    FieldPath::Scope scope(enc.path(), "post");
    EncodePost(enc, *nipost.post);
  }
  enc.Option(nipost.post_metadata.has_value());
  if (nipost.post_metadata) {
    FieldPath::Scope scope(enc.path(), "post_metadata");
    enc.Bytes("challenge", nipost.post_metadata->challenge, kMaxPostChallenge);
    enc.Compact64(nipost.post_metadata->labels_per_unit);
  }
}

NIPostV1 DecodeNIPost(Decoder& dec) {
  NIPostV1 nipost;
  {
    FieldPath::Scope scope(dec.path(), "membership");
    nipost.membership.nodes.resize(dec.Count("nodes", kMaxMembershipNodes));
    for (size_t i = 0; i < nipost.membership.nodes.size(); ++i) {
      FieldPath::Scope element(dec.path(), "nodes", i);
      dec.Fixed("", nipost.membership.nodes[i]);
    }
    nipost.membership.leaf_index = dec.Compact64("leaf_index");
  }
  if (dec.Option("post")) {
    FieldPath::Scope scope(dec.path(), "post");
    nipost.post = DecodePost(dec);
  }
  if (dec.Option("post_metadata")) {
    FieldPath::Scope scope(dec.path(), "post_metadata");
    PostMetadataV1& metadata = nipost.post_metadata.emplace();
    metadata.challenge = dec.Bytes("challenge", kMaxPostChallenge);
    metadata.labels_per_unit = dec.Compact64("labels_per_unit");
  }
  return nipost;
}

void EncodeInner(Encoder& enc, const InnerActivationTxV1& inner) {
  EncodeChallengeFields(enc, inner.challenge);
  enc.Fixed(inner.coinbase);
  enc.Compact32(inner.num_units);
  enc.Option(inner.nipost.has_value());
  if (inner.nipost) {
    FieldPath::Scope scope(enc.path(), "nipost");
    EncodeNIPost(enc, *inner.nipost);
  }
  enc.Option(inner.node_id.has_value());
  if (inner.node_id) enc.Fixed(*inner.node_id);
  enc.Option(inner.vrf_nonce.has_value());
  if (inner.vrf_nonce) enc.Compact64(*inner.vrf_nonce);
}

InnerActivationTxV1 DecodeInner(Decoder& dec) {
  InnerActivationTxV1 inner;
  inner.challenge = DecodeChallengeFields(dec);
  dec.Fixed("coinbase", inner.coinbase);
  inner.num_units = dec.Compact32("num_units");
  if (dec.Option("nipost")) {
    FieldPath::Scope scope(dec.path(), "nipost");
    inner.nipost = DecodeNIPost(dec);
  }
  if (dec.Option("node_id")) dec.Fixed("node_id", inner.node_id.emplace());
  if (dec.Option("vrf_nonce")) inner.vrf_nonce = dec.Compact64("vrf_nonce");
  return inner;
}

}  // namespace

base::Result<std::vector<uint8_t>> EncodeAtx(const ActivationTxV1& atx) {
  Encoder enc;
  EncodeInner(enc, atx.inner);
  enc.Fixed(atx.smesher_id);
  enc.Fixed(atx.signature);
  auto bytes = std::move(enc).Finish();
  if (!bytes.ok()) return bytes.status().WithContext("atx");
  return bytes;
}

base::Result<ActivationTxV1> DecodeAtx(std::span<const uint8_t> bytes) {
  Decoder dec(bytes);
  ActivationTxV1 atx;
  atx.inner = DecodeInner(dec);
  dec.Fixed("smesher_id", atx.smesher_id);
  dec.Fixed("signature", atx.signature);
  if (auto status = dec.Finish(); !status.ok()) return status.WithContext("atx");
  return atx;
}

base::Result<base::Hash32> AtxId(const ActivationTxV1& atx) {
  Encoder enc;
  EncodeInner(enc, atx.inner);
  auto inner = std::move(enc).Finish();
  if (!inner.ok()) return inner.status().WithContext("atx");
  return post::Blake3Hash({*inner});
}

std::vector<uint8_t> SignedBytes(uint32_t publish_epoch, const base::Hash32& atx_id) {
  Encoder enc;
  enc.Compact32(publish_epoch);
  enc.Fixed(atx_id);
  return *std::move(enc).Finish();
}

base::Status SignAtx(std::span<const uint8_t, 64> private_key, const Hash20& genesis_id, ActivationTxV1& atx) {
  auto public_key = PublicKeyOf(private_key);
  if (!public_key.ok()) return public_key.status().WithContext("sign atx");
  if (std::all_of(atx.inner.challenge.prev_atx.begin(), atx.inner.challenge.prev_atx.end(),
                  [](uint8_t b) { return b == 0; })) {
    atx.inner.node_id = *public_key;
  }
  auto id = AtxId(atx);
  if (!id.ok()) return id.status().WithContext("sign atx");
  auto signature = Sign(private_key, genesis_id, Domain::kAtx, SignedBytes(atx.inner.challenge.publish_epoch, *id));
  if (!signature.ok()) return signature.status().WithContext("sign atx");
  atx.signature = *signature;
  atx.smesher_id = *public_key;
  return base::Status::Ok();
}

base::Status VerifyAtxSignature(const Hash20& genesis_id, const ActivationTxV1& atx) {
  auto id = AtxId(atx);
  if (!id.ok()) return id.status();
  if (!Verify(atx.smesher_id, genesis_id, Domain::kAtx, SignedBytes(atx.inner.challenge.publish_epoch, *id),
              atx.signature)) {
    return base::Status::InvalidProof("invalid atx signature");
  }
  return base::Status::Ok();
}

}  // namespace node::wire
