#include "atx_assembly.h"

#include <algorithm>
#include <chrono>

namespace node {

wire::NIPostChallengeV1 WireChallenge(const NipostChallenge& challenge, const std::optional<InitialPost>& initial) {
  wire::NIPostChallengeV1 out;
  out.publish_epoch = challenge.publish_epoch;
  out.sequence = challenge.sequence;
  out.prev_atx = challenge.prev_atx;
  out.positioning_atx = challenge.positioning_atx;
  out.commitment_atx = challenge.commitment_atx;
  if (challenge.initial_post && initial) {
    out.initial_post = wire::PostV1{initial->nonce, {initial->indices.begin(), initial->indices.end()}, initial->pow};
  }
  return out;
}

wire::ActivationTxV1 AssembleAtx(const Address& coinbase, const wire::NIPostChallengeV1& challenge,
                                 const Nipost& nipost, const std::optional<Atx>& previous) {
  wire::ActivationTxV1 atx;
  atx.inner.challenge = challenge;
  atx.inner.coinbase = coinbase;
  atx.inner.num_units = nipost.num_units;
  wire::NIPostV1 proof;
  proof.membership = {nipost.membership_nodes, nipost.membership_index};
  proof.post = wire::PostV1{nipost.nonce, {nipost.indices.begin(), nipost.indices.end()}, nipost.pow};
  proof.post_metadata =
      wire::PostMetadataV1{{nipost.poet_proof_ref.begin(), nipost.poet_proof_ref.end()}, nipost.labels_per_unit};
  atx.inner.nipost = std::move(proof);
  if (!previous || previous->vrf_nonce != nipost.vrf_nonce) atx.inner.vrf_nonce = nipost.vrf_nonce;
  return atx;
}

Atx AtxRecord(const BuilderConfig& config, std::string coinbase, const wire::ActivationTxV1& atx,
              const base::Hash32& id, std::vector<uint8_t> blob, const Nipost& nipost,
              const std::optional<Atx>& previous, uint64_t base_tick_height) {
  const auto& c = atx.inner.challenge;
  Atx record;
  record.id = id;
  record.node_id = atx.smesher_id;
  record.publish_epoch = c.publish_epoch;
  record.sequence = c.sequence;
  record.prev_atx = c.prev_atx;
  record.positioning_atx = c.positioning_atx;
  record.commitment_atx = c.commitment_atx ? *c.commitment_atx : (previous ? previous->commitment_atx : base::Hash32{});
  record.num_units = previous ? std::min(previous->num_units, atx.inner.num_units) : atx.inner.num_units;
  record.vrf_nonce = nipost.vrf_nonce;
  record.base_tick_height = base_tick_height;
  record.tick_count = nipost.poet_leaves / std::max<uint64_t>(1, config.tick_size);
  record.coinbase = std::move(coinbase);
  record.received_unix_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  record.blob.assign(blob.begin(), blob.end());
  return record;
}

}  // namespace node
