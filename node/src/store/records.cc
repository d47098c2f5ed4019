#include "records.h"

#include "codec.h"

namespace node::store {
namespace {

// The decoded value, or the decoder's first problem.
template <typename T>
post::Result<T> Done(const Decoder& d, T value) {
  if (post::Status st = d.Finish(); !st.ok()) return st;
  return value;
}

}  // namespace

std::string Encode(const InitialPost& p) {
  Encoder e;
  e.U32(p.nonce);
  e.Bytes(p.indices);
  e.U64(p.pow);
  e.U32(p.num_units);
  e.U64(p.labels_per_unit);
  e.Hash(p.commitment_atx);
  e.U64(p.vrf_nonce);
  e.Hash(p.challenge);
  return std::move(e).Finish();
}

post::Result<InitialPost> DecodeInitialPost(std::string_view value) {
  Decoder d(value);
  InitialPost p;
  d.U32(p.nonce);
  d.Bytes(p.indices);
  d.U64(p.pow);
  d.U32(p.num_units);
  d.U64(p.labels_per_unit);
  d.Hash(p.commitment_atx);
  d.U64(p.vrf_nonce);
  d.Hash(p.challenge);
  return Done(d, std::move(p));
}

std::string Encode(const NipostChallenge& c) {
  Encoder e;
  e.U32(c.publish_epoch);
  e.U64(c.sequence);
  e.Hash(c.prev_atx);
  e.Hash(c.positioning_atx);
  e.OptionalHash(c.commitment_atx);
  e.Bool(c.initial_post);
  return std::move(e).Finish();
}

post::Result<NipostChallenge> DecodeChallenge(std::string_view value) {
  Decoder d(value);
  NipostChallenge c;
  d.U32(c.publish_epoch);
  d.U64(c.sequence);
  d.Hash(c.prev_atx);
  d.Hash(c.positioning_atx);
  d.OptionalHash(c.commitment_atx);
  d.Bool(c.initial_post);
  return Done(d, std::move(c));
}

std::string Encode(const PoetRegistration& r) {
  Encoder e;
  e.Hash(r.challenge_hash);
  e.Bytes(r.round_id);
  e.I64(r.round_end_unix_ms);
  return std::move(e).Finish();
}

post::Result<PoetRegistration> DecodePoetRegistration(std::string_view value, std::string address) {
  Decoder d(value);
  PoetRegistration r;
  r.address = std::move(address);
  d.Hash(r.challenge_hash);
  d.Bytes(r.round_id);
  d.I64(r.round_end_unix_ms);
  return Done(d, std::move(r));
}

std::string Encode(const Nipost& n) {
  Encoder e;
  e.Hash(n.poet_proof_ref);
  e.U32(n.nonce);
  e.Bytes(n.indices);
  e.U64(n.pow);
  e.U32(n.num_units);
  e.U64(n.labels_per_unit);
  e.U64(n.vrf_nonce);
  e.U64(n.poet_ticks);
  return std::move(e).Finish();
}

post::Result<Nipost> DecodeNipost(std::string_view value) {
  Decoder d(value);
  Nipost n;
  d.Hash(n.poet_proof_ref);
  d.U32(n.nonce);
  d.Bytes(n.indices);
  d.U64(n.pow);
  d.U32(n.num_units);
  d.U64(n.labels_per_unit);
  d.U64(n.vrf_nonce);
  d.U64(n.poet_ticks);
  return Done(d, std::move(n));
}

std::string Encode(const Atx& a) {
  Encoder e;
  e.Hash(a.id);
  e.Hash(a.node_id);
  e.U32(a.publish_epoch);
  e.U64(a.sequence);
  e.Hash(a.prev_atx);
  e.Hash(a.positioning_atx);
  e.Hash(a.commitment_atx);
  e.U32(a.num_units);
  e.U64(a.vrf_nonce);
  e.U64(a.base_tick_height);
  e.U64(a.tick_count);
  e.Bytes(a.coinbase);
  e.I64(a.received_unix_ms);
  return std::move(e).Finish();
}

post::Result<Atx> DecodeAtx(std::string_view value) {
  Decoder d(value);
  Atx a;
  d.Hash(a.id);
  d.Hash(a.node_id);
  d.U32(a.publish_epoch);
  d.U64(a.sequence);
  d.Hash(a.prev_atx);
  d.Hash(a.positioning_atx);
  d.Hash(a.commitment_atx);
  d.U32(a.num_units);
  d.U64(a.vrf_nonce);
  d.U64(a.base_tick_height);
  d.U64(a.tick_count);
  d.Bytes(a.coinbase);
  d.I64(a.received_unix_ms);
  return Done(d, std::move(a));
}

std::string EncodeAtxId(const post::Hash32& id) {
  Encoder e;
  e.Hash(id);
  return std::move(e).Finish();
}

post::Result<post::Hash32> DecodeAtxId(std::string_view value) {
  Decoder d(value);
  post::Hash32 id;
  d.Hash(id);
  return Done(d, id);
}

std::string EncodeHeight(uint64_t height) {
  Encoder e;
  e.U64(height);
  return std::move(e).Finish();
}

post::Result<uint64_t> DecodeHeight(std::string_view value) {
  Decoder d(value);
  uint64_t height = 0;
  d.U64(height);
  return Done(d, height);
}

}  // namespace node::store
