#include "identity_cycle.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

#include "atx_assembly.h"
#include "node/wire/membership.h"

namespace node {
namespace {

using Clock = std::chrono::system_clock;

int64_t UnixMs(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

Clock::time_point FromUnixMs(int64_t ms) { return Clock::time_point(std::chrono::milliseconds(ms)); }

// The reference waits a little past the round's end before asking (0.02-0.04 % of the cycle gap)
// so that a thousand nodes do not ask at the same instant.
std::chrono::milliseconds Jitter(const CycleClock& clock) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto low = clock.cycle_gap().count() * 2 / 10000, high = clock.cycle_gap().count() * 4 / 10000;
  return std::chrono::milliseconds(std::uniform_int_distribution<int64_t>(low, std::max(low, high))(rng));
}

}  // namespace

IdentityCycle::IdentityCycle(const BuilderConfig& config, const BuilderParts& parts, const NamedIdentity& identity,
                             StopSignal& stop)
    : config_(config),
      parts_(parts),
      identity_(identity),
      id_(identity.node_id()),
      who_(base::ToHex(id_).substr(0, 8) + " (" + identity.name + ")"),
      stop_(stop) {}

void IdentityCycle::Run() {
  while (!stop_.stopped()) {
    const Pass pass = RunOnce();
    parts_.smeshers->SetState(id_, PostState::kIdle);
    switch (pass.outcome) {
      case Outcome::kStopped: return;
      case Outcome::kPublished: parts_.smeshers->SetPhase(id_, "idle"); break;
      case Outcome::kPoetUnstable:
        spdlog::warn("[{}] {}; trying again in {} ms", who_, pass.why, config_.poet_retry_interval.count());
        stop_.SleepFor(config_.poet_retry_interval);
        break;
      case Outcome::kExpired:
      case Outcome::kRetryLayer:
        spdlog::warn("[{}] {}; next attempt in one layer", who_, pass.why);
        parts_.smeshers->SetPhase(id_, "idle");
        stop_.SleepFor(config_.layer_duration);
        break;
    }
  }
}

IdentityCycle::Pass IdentityCycle::RunOnce() {
  if (Pass p = EnsureInitialPost(); p.outcome != Outcome::kPublished) return p;
  NipostChallenge challenge;
  if (Pass p = PrepareChallenge(&challenge); p.outcome != Outcome::kPublished) return p;
  auto initial = parts_.store->GetInitialPost(id_);
  if (!initial.ok()) return {Outcome::kRetryLayer, Stored(initial.status()).message()};
  if (challenge.initial_post && !*initial) return Abandon(Outcome::kRetryLayer, "the initial post is gone");
  const wire::NIPostChallengeV1 wire_challenge = WireChallenge(challenge, *initial);
  auto hash = wire::ChallengeHash(wire_challenge);
  if (!hash.ok()) return Abandon(Outcome::kRetryLayer, hash.status().ToString());
  if (Pass p = Register(challenge, *hash); p.outcome != Outcome::kPublished) return p;
  Nipost nipost;
  if (Pass p = FetchPoetProof(challenge, *hash, &nipost); p.outcome != Outcome::kPublished) return p;
  if (Pass p = Prove(challenge, &nipost); p.outcome != Outcome::kPublished) return p;
  return Publish(challenge, wire_challenge, nipost);
}

IdentityCycle::Pass IdentityCycle::EnsureInitialPost() {
  auto latest = parts_.store->LatestAtx(id_);
  if (!latest.ok()) return {Outcome::kRetryLayer, Stored(latest.status()).message()};
  auto stored = parts_.store->GetInitialPost(id_);
  if (!stored.ok()) return {Outcome::kRetryLayer, Stored(stored.status()).message()};
  if (*latest || *stored) return {Outcome::kPublished, ""};

  parts_.smeshers->SetPhase(id_, "initial post");
  const base::Hash32 zero{};
  ProofOptions options;
  options.poll_interval = config_.proof_poll_interval;
  options.stop = &stop_.flag();
  auto answer = parts_.prover->Proof(id_, zero, options);
  if (stop_.stopped()) return {Outcome::kStopped, ""};
  if (!answer.ok()) return {Outcome::kRetryLayer, "initial post failed: " + answer.status().message()};
  const PostInfo& info = answer->info;
  if (info.node_id != id_) {
    Emit(event::InvalidPostProof{id_}, true);
    return {Outcome::kRetryLayer, "initial post refused: the service proved for identity " + base::ToHex(info.node_id)};
  }
  if (!info.nonce) {
    Emit(event::InvalidPostProof{id_}, true);
    return {Outcome::kRetryLayer, "initial post refused: the service reports no VRF nonce (is its data complete?)"};
  }
  const post::ProofMetadata meta{id_, info.commitment_atx, zero, info.num_units, info.labels_per_unit};
  if (base::Status s = parts_.checker->Check(answer->proof, meta, /*full=*/true); !s.ok()) {
    Emit(event::InvalidPostProof{id_}, true);
    return {Outcome::kRetryLayer, "initial post refused: " + s.message()};
  }
  InitialPost post{answer->proof.nonce,  {answer->proof.indices.begin(), answer->proof.indices.end()},
                   answer->proof.pow,    info.num_units,
                   info.labels_per_unit, info.commitment_atx,
                   *info.nonce,          zero};
  if (base::Status s = parts_.store->PutInitialPost(id_, post); !s.ok())
    return {Outcome::kRetryLayer, Stored(s).message()};
  spdlog::info("[{}] initial post verified and stored ({} units, commitment {})", who_, info.num_units,
               base::ToHex(info.commitment_atx).substr(0, 8));
  return {Outcome::kPublished, ""};
}

IdentityCycle::Pass IdentityCycle::PrepareChallenge(NipostChallenge* challenge) {
  const CycleClock& clock = *parts_.clock;
  auto stored = parts_.store->GetChallenge(id_);
  if (!stored.ok()) return {Outcome::kRetryLayer, Stored(stored.status()).message()};
  const uint32_t current = clock.CurrentEpoch(Clock::now());
  if (*stored && (*stored)->publish_epoch < current) {
    return Abandon(Outcome::kExpired, "challenge for epoch " + std::to_string((*stored)->publish_epoch) + " is stale");
  }
  if (*stored) {
    *challenge = **stored;
    return {Outcome::kPublished, ""};
  }
  auto previous = parts_.store->LatestAtx(id_);
  if (!previous.ok()) return {Outcome::kRetryLayer, Stored(previous.status()).message()};
  const std::optional<Atx>& prev = *previous;
  const uint32_t publish =
      clock.NextPublishEpoch(Clock::now(), prev ? std::optional(prev->publish_epoch) : std::nullopt);
  const auto wake = clock.WakeUp(publish);
  if (Clock::now() < wake) {
    Emit(event::PoetWaitRound{publish - 1, publish, wake, id_});
    Emit(event::WaitingForRegistration{publish - 1, publish, wake, id_});
    parts_.smeshers->SetPhase(id_, "waiting for the PoET registration window");
    spdlog::info("[{}] waiting until {} to register for publish epoch {}", who_, FormatRfc3339(wake), publish);
    if (!stop_.SleepUntil(wake)) return {Outcome::kStopped, ""};
  }
  auto initial = parts_.store->GetInitialPost(id_);
  if (!initial.ok()) return {Outcome::kRetryLayer, Stored(initial.status()).message()};
  NipostChallenge next;
  next.publish_epoch = publish;
  next.sequence = prev ? prev->sequence + 1 : 0;
  next.prev_atx = prev ? prev->id : base::Hash32{};
  next.positioning_atx = Positioning(publish, prev);
  if (!prev) {
    if (!*initial) return {Outcome::kRetryLayer, "no initial post to build the first ATX on"};
    next.commitment_atx = (*initial)->commitment_atx;
    next.initial_post = true;
  }
  if (base::Status s = parts_.store->PutChallenge(id_, next); !s.ok())
    return {Outcome::kRetryLayer, Stored(s).message()};
  *challenge = next;
  return {Outcome::kPublished, ""};
}

base::Hash32 IdentityCycle::Positioning(uint32_t publish, const std::optional<Atx>& previous) const {
  std::pair<base::Hash32, uint64_t> best{config_.golden_atx, 0};  // id, tick height
  auto highest = parts_.store->HighestAtx();
  if (highest.ok() && *highest && (*highest)->publish_epoch < publish) {
    best = {(*highest)->id, (*highest)->base_tick_height + (*highest)->tick_count};
  }
  if (previous && previous->publish_epoch < publish &&
      previous->base_tick_height + previous->tick_count >= best.second) {
    best = {previous->id, previous->base_tick_height + previous->tick_count};
  }
  return best.first;
}

IdentityCycle::Pass IdentityCycle::Register(const NipostChallenge& challenge, const base::Hash32& hash) {
  const uint32_t publish = challenge.publish_epoch;
  auto registrations = parts_.store->GetPoetRegistrations(id_);
  if (!registrations.ok()) return {Outcome::kRetryLayer, Stored(registrations.status()).message()};
  const auto registered = [&](const std::string& address) {
    return std::any_of(registrations->begin(), registrations->end(),
                       [&](const PoetRegistration& r) { return r.address == address; });
  };
  if (Clock::now() < parts_.clock->RoundStart(publish)) {
    parts_.smeshers->SetPhase(id_, "registering at the PoETs");
    for (poet::Client* poet : parts_.poets) {
      if (registered(poet->address())) continue;
      auto answer = poet->Submit(config_.genesis_id, identity_.identity.private_key, hash,
                                 parts_.clock->ProofDeadline(publish), &stop_.flag());
      if (stop_.stopped()) return {Outcome::kStopped, ""};
      if (!answer.ok()) {
        spdlog::warn("[{}] registration for publish epoch {} failed: {}", who_, publish, answer.status().message());
        continue;
      }
      PoetRegistration r{poet->address(), hash, answer->round_id, UnixMs(answer->round_end)};
      if (base::Status s = parts_.store->PutPoetRegistration(id_, r); !s.ok()) {
        return {Outcome::kRetryLayer, Stored(s).message()};
      }
      registrations->push_back(r);
      Emit(event::RegisteredInPoet{poet->address(), id_, answer->round_id});
      spdlog::info("[{}] registered at {} in round {} for publish epoch {}", who_, poet->address(), answer->round_id,
                   publish);
    }
  }
  if (!registrations->empty()) return {Outcome::kPublished, ""};
  if (Clock::now() >= parts_.clock->RoundStart(publish)) {
    return Abandon(Outcome::kExpired, "no PoET registration before round start for epoch " + std::to_string(publish));
  }
  return {Outcome::kPoetUnstable, "no PoET accepted the registration for epoch " + std::to_string(publish)};
}

IdentityCycle::Pass IdentityCycle::FetchPoetProof(const NipostChallenge& challenge, const base::Hash32& hash,
                                                  Nipost* nipost) {
  const uint32_t publish = challenge.publish_epoch;
  auto stored = parts_.store->GetNipost(id_);
  if (!stored.ok()) return {Outcome::kRetryLayer, Stored(stored.status()).message()};
  if (*stored) {
    *nipost = **stored;
    return {Outcome::kPublished, ""};
  }
  const CycleClock& clock = *parts_.clock;
  const auto deadline = clock.ProofDeadline(publish);
  if (Clock::now() > deadline)
    return Abandon(Outcome::kExpired, "PoET proof deadline for epoch " + std::to_string(publish) + " passed");
  Emit(event::PoetWaitProof{publish, publish + 1, clock.RoundEnd(publish), id_});
  Emit(event::WaitingForRoundEnd{publish, publish + 1, clock.RoundEnd(publish), id_});
  parts_.smeshers->SetPhase(id_, "waiting for the PoET round to end");

  auto registrations = parts_.store->GetPoetRegistrations(id_);
  if (!registrations.ok()) return {Outcome::kRetryLayer, Stored(registrations.status()).message()};
  std::shared_ptr<const poet::RoundProof> best;
  const PoetRegistration* best_from = nullptr;
  uint64_t best_index = 0;
  for (const PoetRegistration& r : *registrations) {
    auto client = std::find_if(parts_.poets.begin(), parts_.poets.end(),
                               [&](poet::Client* c) { return c->address() == r.address; });
    if (client == parts_.poets.end()) {
      spdlog::error("[{}] registered at {}, which is no longer configured", who_, r.address);
      continue;
    }
    if (!stop_.SleepUntil(FromUnixMs(r.round_end_unix_ms) + Jitter(clock))) return {Outcome::kStopped, ""};
    std::shared_ptr<const poet::RoundProof> proof;
    while (!proof) {
      bool downloaded = false;
      auto got = (*client)->Proof(r.round_id, &downloaded);
      if (got.ok()) {
        proof = *got;
        if (downloaded) {
          Emit(event::ProofDownloaded{r.address, r.round_id,
                                      proof->message.proof.leaf_count / std::max<uint64_t>(1, config_.tick_size)});
        }
        break;
      }
      if (got.status().code() != base::Status::Code::kNotFound || Clock::now() > deadline) {
        spdlog::error("[{}] no usable proof of round {} from {}: {}", who_, r.round_id, r.address,
                      got.status().message());
        break;
      }
      if (!stop_.SleepFor(config_.poet_request_retry)) return {Outcome::kStopped, ""};
    }
    if (!proof) continue;
    auto member = std::find(proof->members.begin(), proof->members.end(), hash);
    if (member == proof->members.end()) {
      spdlog::error("[{}] the proof of round {} from {} does not contain our challenge {}", who_, r.round_id, r.address,
                    base::ToHex(hash));
      continue;
    }
    if (!best || proof->message.proof.leaf_count > best->message.proof.leaf_count) {
      best = proof;
      best_from = &r;
      best_index = static_cast<uint64_t>(member - proof->members.begin());
    }
  }
  if (!best) {
    if (Clock::now() > deadline)
      return Abandon(Outcome::kExpired, "no PoET proof for epoch " + std::to_string(publish));
    return {Outcome::kPoetUnstable, "no PoET proof contains our challenge for epoch " + std::to_string(publish)};
  }
  auto nodes = wire::MembershipProof(best->members, best_index);
  if (!nodes.ok()) return Abandon(Outcome::kRetryLayer, nodes.status().ToString());
  const std::string message(best->message_bytes.begin(), best->message_bytes.end());
  if (base::Status s = parts_.store->PutPoetProof(best->ref, message); !s.ok())
    return {Outcome::kRetryLayer, Stored(s).message()};
  Nipost next;
  next.poet_proof_ref = best->ref;
  next.poet_url = best_from->address;
  next.poet_round = best_from->round_id;
  next.poet_leaves = best->message.proof.leaf_count;
  next.membership_index = best_index;
  next.membership_nodes = std::move(*nodes);
  if (base::Status s = parts_.store->PutNipost(id_, next); !s.ok()) return {Outcome::kRetryLayer, Stored(s).message()};
  Emit(event::BestProofSelected{next.poet_url, next.poet_round,
                                next.poet_leaves / std::max<uint64_t>(1, config_.tick_size), id_});
  *nipost = std::move(next);
  return {Outcome::kPublished, ""};
}

IdentityCycle::Pass IdentityCycle::Prove(const NipostChallenge& challenge, Nipost* nipost) {
  if (nipost->has_post) return {Outcome::kPublished, ""};
  const uint32_t publish = challenge.publish_epoch;
  const auto window_end = parts_.clock->PublishEnd(publish);
  if (Clock::now() >= window_end)
    return Abandon(Outcome::kExpired,
                   "the publish window of epoch " + std::to_string(publish) + " closed before the PoST");
  parts_.smeshers->SetPhase(id_, "proving");
  ProofOptions options;
  options.poll_interval = config_.proof_poll_interval;
  options.deadline = window_end;
  options.stop = &stop_.flag();
  auto answer = parts_.prover->Proof(id_, nipost->poet_proof_ref, options);
  if (stop_.stopped()) return {Outcome::kStopped, ""};
  if (!answer.ok()) {
    // A deadline reached while waiting is not reported by the prover itself.
    if (answer.status().code() == base::Status::Code::kAborted) Emit(event::PostComplete{std::nullopt, id_}, true);
    return Abandon(Outcome::kExpired,
                   "no PoST for epoch " + std::to_string(publish) + ": " + answer.status().message());
  }
  const auto margin = std::chrono::duration_cast<std::chrono::milliseconds>(window_end - Clock::now());
  parts_.smeshers->RecordProofMargin(id_, margin);
  auto initial = parts_.store->GetInitialPost(id_);
  if (!initial.ok()) return {Outcome::kRetryLayer, Stored(initial.status()).message()};
  const PostInfo& info = answer->info;
  std::string refused;
  if (info.node_id != id_)
    refused = "it names identity " + base::ToHex(info.node_id);
  else if (*initial && info.commitment_atx != (*initial)->commitment_atx)
    refused = "it names commitment " + base::ToHex(info.commitment_atx) + ", not the identity's " +
              base::ToHex((*initial)->commitment_atx);
  else if (*initial && info.num_units != (*initial)->num_units)
    refused = "it has " + std::to_string(info.num_units) + " units, the initial post " +
              std::to_string((*initial)->num_units);
  else if (!info.nonce)
    refused = "it reports no VRF nonce";
  if (refused.empty()) {
    const post::ProofMetadata meta{id_, info.commitment_atx, nipost->poet_proof_ref, info.num_units,
                                   info.labels_per_unit};
    if (base::Status s = parts_.checker->Check(answer->proof, meta, /*full=*/false); !s.ok()) refused = s.message();
  }
  if (!refused.empty()) {
    Emit(event::InvalidPostProof{id_}, true);
    return Abandon(Outcome::kRetryLayer, "PoST for epoch " + std::to_string(publish) + " refused: " + refused);
  }
  nipost->has_post = true;
  nipost->nonce = answer->proof.nonce;
  nipost->indices.assign(answer->proof.indices.begin(), answer->proof.indices.end());
  nipost->pow = answer->proof.pow;
  nipost->num_units = info.num_units;
  nipost->labels_per_unit = info.labels_per_unit;
  nipost->vrf_nonce = *info.nonce;
  if (base::Status s = parts_.store->PutNipost(id_, *nipost); !s.ok())
    return {Outcome::kRetryLayer, Stored(s).message()};
  spdlog::info("[{}] PoST for epoch {} verified, {:.1f} s of the publish window left", who_, publish,
               margin.count() / 1000.0);
  return {Outcome::kPublished, ""};
}

IdentityCycle::Pass IdentityCycle::Publish(const NipostChallenge& challenge,
                                           const wire::NIPostChallengeV1& wire_challenge, const Nipost& nipost) {
  const uint32_t publish = challenge.publish_epoch;
  auto previous = parts_.store->LatestAtx(id_);
  if (!previous.ok()) return {Outcome::kRetryLayer, Stored(previous.status()).message()};
  std::optional<Atx> prev = *previous;
  if (prev && prev->publish_epoch >= publish) {
    // Already published for this epoch (or later): never sign another.
    return Abandon(Outcome::kPublished, "");
  }
  const std::string coinbase_text = parts_.smeshers->coinbase();
  auto coinbase = ParseAddress(coinbase_text, config_.network_hrp);
  if (!coinbase.ok()) return {Outcome::kRetryLayer, "no coinbase to publish with: " + coinbase.status().message()};
  wire::ActivationTxV1 atx = AssembleAtx(*coinbase, wire_challenge, nipost, prev);
  if (base::Status s = wire::SignAtx(identity_.identity.private_key, config_.genesis_id, atx); !s.ok()) {
    return Abandon(Outcome::kRetryLayer, "cannot sign the ATX: " + s.message());
  }
  auto id = wire::AtxId(atx);
  auto blob = wire::EncodeAtx(atx);
  if (!id.ok() || !blob.ok())
    return Abandon(Outcome::kRetryLayer, "cannot encode the ATX: " + (id.ok() ? blob.status() : id.status()).message());
  const auto opens = parts_.clock->EpochStart(publish);
  if (Clock::now() < opens) {
    parts_.smeshers->SetPhase(id_, "waiting for the publish epoch");
    if (!stop_.SleepUntil(opens)) return {Outcome::kStopped, ""};
  }
  if (Clock::now() >= parts_.clock->PublishEnd(publish)) {
    return Abandon(Outcome::kExpired, "the publish window of epoch " + std::to_string(publish) + " closed");
  }
  uint64_t positioning_height = 0;  // the golden ATX's
  if (wire_challenge.positioning_atx != config_.golden_atx) {
    auto positioning = parts_.store->GetAtx(wire_challenge.positioning_atx);
    if (!positioning.ok()) return {Outcome::kRetryLayer, Stored(positioning.status()).message()};
    if (!*positioning) return Abandon(Outcome::kRetryLayer, "the positioning ATX is gone");
    positioning_height = (*positioning)->base_tick_height + (*positioning)->tick_count;
  }
  const Atx record = AtxRecord(config_, coinbase_text, atx, *id, std::move(*blob), nipost, prev, positioning_height);
  if (base::Status s = parts_.store->PublishAtx(record); !s.ok()) {
    spdlog::error("[{}] ATX for epoch {} not stored: {}", who_, publish, s.message());
    return Abandon(Outcome::kRetryLayer, "ATX not stored");
  }
  parts_.smeshers->RecordAtx(id_, publish);
  const auto until = parts_.clock->EpochStart(publish + 1);
  Emit(event::AtxPublished{publish, publish + 1, *id,
                           std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()), until, id_});
  spdlog::info("[{}] ATX {} published for epoch {} (sequence {}, {} ticks)", who_, base::ToHex(*id).substr(0, 8),
               publish, record.sequence, record.tick_count);
  return {Outcome::kPublished, ""};
}

IdentityCycle::Pass IdentityCycle::Abandon(Outcome outcome, std::string why) {
  if (base::Status s = parts_.store->ResetCycle(id_); !s.ok()) (void)Stored(s);
  return {outcome, std::move(why)};
}

void IdentityCycle::Emit(Event::Details details, bool failure) const {
  parts_.events->Emit(Event::Of(std::move(details), failure));
}

base::Status IdentityCycle::Stored(const base::Status& status) const {
  spdlog::error("[{}] state store: {}", who_, status.ToString());
  return status;
}

}  // namespace node
