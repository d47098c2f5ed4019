#include "records.h"

#include <concepts>
#include <type_traits>

#include "codec.h"

namespace node::store {
namespace {

// Each record's fields, in stored order, written once for both directions: with an Encoder
// the record is const and its fields are written, with a Decoder they are read into it.
template <typename R, typename T>
concept RecordOf = std::same_as<std::remove_const_t<R>, T>;

template <typename C, RecordOf<InitialPost> R>
void Fields(C& c, R& p) {
  c.U32(p.nonce);
  c.Bytes(p.indices);
  c.U64(p.pow);
  c.U32(p.num_units);
  c.U64(p.labels_per_unit);
  c.Hash(p.commitment_atx);
  c.U64(p.vrf_nonce);
  c.Hash(p.challenge);
}

template <typename C, RecordOf<NipostChallenge> R>
void Fields(C& c, R& ch) {
  c.U32(ch.publish_epoch);
  c.U64(ch.sequence);
  c.Hash(ch.prev_atx);
  c.Hash(ch.positioning_atx);
  c.OptionalHash(ch.commitment_atx);
  c.Bool(ch.initial_post);
}

// The address is not stored in the value: it is part of the key.
template <typename C, RecordOf<PoetRegistration> R>
void Fields(C& c, R& r) {
  c.Hash(r.challenge_hash);
  c.Bytes(r.round_id);
  c.I64(r.round_end_unix_ms);
}

template <typename C, RecordOf<Nipost> R>
void Fields(C& c, R& n) {
  c.Hash(n.poet_proof_ref);
  c.Bytes(n.poet_url);
  c.Bytes(n.poet_round);
  c.U64(n.poet_leaves);
  c.U64(n.membership_index);
  c.Hashes(n.membership_nodes);
  c.Bool(n.has_post);
  c.U32(n.nonce);
  c.Bytes(n.indices);
  c.U64(n.pow);
  c.U32(n.num_units);
  c.U64(n.labels_per_unit);
  c.U64(n.vrf_nonce);
}

template <typename C, RecordOf<Atx> R>
void Fields(C& c, R& a) {
  c.Hash(a.id);
  c.Hash(a.node_id);
  c.U32(a.publish_epoch);
  c.U64(a.sequence);
  c.Hash(a.prev_atx);
  c.Hash(a.positioning_atx);
  c.Hash(a.commitment_atx);
  c.U32(a.num_units);
  c.U64(a.vrf_nonce);
  c.U64(a.base_tick_height);
  c.U64(a.tick_count);
  c.Bytes(a.coinbase);
  c.I64(a.received_unix_ms);
  c.Bytes(a.blob);
}

// The decoded value, or the decoder's first problem.
template <typename T>
base::Result<T> Done(const Decoder& d, T value) {
  if (base::Status st = d.Finish(); !st.ok()) return st;
  return value;
}

template <typename R>
std::string EncodeRecord(const R& record) {
  Encoder e;
  Fields(e, record);
  return std::move(e).Finish();
}

template <typename R>
base::Result<R> DecodeRecord(std::string_view value, R record = {}) {
  Decoder d(value);
  Fields(d, record);
  return Done(d, std::move(record));
}

}  // namespace

std::string Encode(const InitialPost& post) { return EncodeRecord(post); }
std::string Encode(const NipostChallenge& challenge) { return EncodeRecord(challenge); }
std::string Encode(const PoetRegistration& registration) { return EncodeRecord(registration); }
std::string Encode(const Nipost& nipost) { return EncodeRecord(nipost); }
std::string Encode(const Atx& atx) { return EncodeRecord(atx); }

base::Result<InitialPost> DecodeInitialPost(std::string_view value) { return DecodeRecord<InitialPost>(value); }
base::Result<NipostChallenge> DecodeChallenge(std::string_view value) { return DecodeRecord<NipostChallenge>(value); }
base::Result<PoetRegistration> DecodePoetRegistration(std::string_view value, std::string address) {
  PoetRegistration registration;
  registration.address = std::move(address);
  return DecodeRecord(value, std::move(registration));
}
base::Result<Nipost> DecodeNipost(std::string_view value) { return DecodeRecord<Nipost>(value); }
base::Result<Atx> DecodeAtx(std::string_view value) { return DecodeRecord<Atx>(value); }

std::string EncodeAtxId(const base::Hash32& id) {
  Encoder e;
  e.Hash(id);
  return std::move(e).Finish();
}

base::Result<base::Hash32> DecodeAtxId(std::string_view value) {
  Decoder d(value);
  base::Hash32 id;
  d.Hash(id);
  return Done(d, id);
}

std::string EncodeHeight(uint64_t height) {
  Encoder e;
  e.U64(height);
  return std::move(e).Finish();
}

base::Result<uint64_t> DecodeHeight(std::string_view value) {
  Decoder d(value);
  uint64_t height = 0;
  d.U64(height);
  return Done(d, height);
}

}  // namespace node::store
