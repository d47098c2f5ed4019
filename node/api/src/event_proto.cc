#include "event_proto.h"

#include <type_traits>

namespace node::api {
namespace {

namespace pb = spacemesh::v1;

template <typename Bytes>
std::string Raw(const Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

void SetTime(WallTime t, google::protobuf::Timestamp* out) {
  const auto since = t.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
  out->set_seconds(seconds.count());
  out->set_nanos(static_cast<int32_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count()));
}

void SetDuration(std::chrono::nanoseconds d, google::protobuf::Duration* out) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(d);
  out->set_seconds(seconds.count());
  out->set_nanos(static_cast<int32_t>((d - seconds).count()));
}

// Time left from the event's timestamp until `until` (zero if already past).
std::chrono::nanoseconds Left(WallTime now, WallTime until) {
  return until > now ? until - now : std::chrono::nanoseconds(0);
}

struct Fill {
  pb::Event* out;
  WallTime now;

  void operator()(const event::Beacon& e) const {
    auto* d = out->mutable_beacon();
    d->set_epoch(e.epoch);
    d->set_beacon(Raw(e.beacon));
  }
  void operator()(const event::PostStart& e) const {
    auto* d = out->mutable_post_start();
    d->set_challenge(Raw(e.challenge));
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::PostComplete& e) const {
    auto* d = out->mutable_post_complete();
    if (e.challenge) d->set_challenge(Raw(*e.challenge));
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::InvalidPostProof& e) const {
    out->mutable_post_complete()->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::WaitingForRegistration& e) const {
    auto* d = out->mutable_waiting_for_poet_registration_window();
    d->set_current(e.current);
    d->set_publish(e.publish);
    SetTime(e.until, d->mutable_round_end());
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::PoetWaitRound& e) const {
    auto* d = out->mutable_poet_wait_round();
    d->set_current(e.current);
    d->set_publish(e.publish);
    SetDuration(Left(now, e.until), d->mutable_wait());
    SetTime(e.until, d->mutable_until());
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::RegisteredInPoet& e) const {
    auto* d = out->mutable_registered_in_poet();
    d->set_url(e.url);
    d->set_smesher(Raw(e.smesher));
    d->set_round_id(e.round_id);
  }
  void operator()(const event::WaitingForRoundEnd& e) const {
    auto* d = out->mutable_waiting_for_poet_round_end();
    d->set_publish(e.publish);
    d->set_target(e.target);
    SetTime(e.until, d->mutable_round_end());
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::PoetWaitProof& e) const {
    auto* d = out->mutable_poet_wait_proof();
    d->set_publish(e.publish);
    d->set_target(e.target);
    SetDuration(Left(now, e.until), d->mutable_wait());
    SetTime(e.until, d->mutable_until());
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::ProofDownloaded& e) const {
    auto* d = out->mutable_proof_downloaded_from_poet();
    d->set_url(e.url);
    d->set_round_id(e.round_id);
    d->set_ticks(e.ticks);
  }
  void operator()(const event::BestProofSelected& e) const {
    auto* d = out->mutable_best_proof_selected();
    d->set_url(e.url);
    d->set_round_id(e.round_id);
    d->set_ticks(e.ticks);
    d->set_smesher(Raw(e.smesher));
  }
  void operator()(const event::AtxPublished& e) const {
    auto* d = out->mutable_atx_published();
    d->set_current(e.current);
    d->set_target(e.target);
    d->set_id(Raw(e.id));
    SetDuration(e.wait, d->mutable_wait());
    SetTime(e.until, d->mutable_until());
    d->set_smesher(Raw(e.smesher));
  }
};

}  // namespace

pb::Event ToProto(const Event& event) {
  pb::Event out;
  SetTime(event.timestamp, out.mutable_timestamp());
  out.set_failure(event.failure);
  out.set_help(event.help);
  std::visit(Fill{&out, event.timestamp}, event.details);
  return out;
}

}  // namespace node::api
