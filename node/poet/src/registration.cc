#include "registration.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/bytes.h"
#include "node/wire/poet_pow.h"
#include "node/wire/signing.h"

namespace node::poet {
namespace {

// The deprecated registration PoW (§4.3): the submitted parameters must be the current or the
// previous ones, and the hash must start with `difficulty` zero bits.
base::Status CheckPow(const ServerState& state, const SubmitRequestBody& r) {
  const PowParamsBody* params = nullptr;
  if (r.pow_params == state.pow_current) params = &state.pow_current;
  if (state.pow_previous && r.pow_params == *state.pow_previous) params = &*state.pow_previous;
  if (params == nullptr) return base::Status::InvalidArgument("invalid proof of work parameters");
  base::Hash32 node_id;
  std::copy(r.pubkey.begin(), r.pubkey.end(), node_id.begin());
  const auto hash = wire::PowHash(params->challenge, node_id, r.challenge, r.nonce);
  if (!wire::HasLeadingZeroBits(hash, params->difficulty)) {
    return base::Status::InvalidArgument("invalid proof of work: invalid leading zero bits");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<SubmitResponseBody> Register(ServerState& state, const SubmitRequestBody& r) {
  if (r.pubkey.size() != 32) return base::Status::InvalidArgument("invalid public key");
  Bytes message = r.prefix;
  message.insert(message.end(), r.challenge.begin(), r.challenge.end());
  if (!wire::VerifyRaw(r.pubkey, message, r.signature)) return base::Status::InvalidArgument("invalid signature");
  // The reference stores any length; members are 32-byte hashes for every node, so refuse others.
  if (r.challenge.size() != 32) {
    return base::Status::InvalidArgument(fmt::format("invalid challenge: want 32 bytes, got {}", r.challenge.size()));
  }

  std::lock_guard lock(state.mu);
  if (state.options.pow_difficulty > 0) {
    if (auto s = CheckPow(state, r); !s.ok()) return s;
  }
  const auto now = std::chrono::system_clock::now();
  // Never a round already closed, even if the wall clock went back.
  const uint64_t round = std::max(state.clock.OpenRoundId(now), state.next_round);
  const auto end = state.clock.RoundEnd(round);
  if (r.deadline && *r.deadline != kGoZeroTime && FromTimePoint(end) > *r.deadline) {
    return base::Status::FailedPrecondition("too late to register for the desired round");
  }
  const std::string key = MemberKey(round, r.pubkey);
  auto stored = state.db->Get(key);
  if (!stored.ok()) return stored.status();
  const std::string challenge(r.challenge.begin(), r.challenge.end());
  if (*stored && **stored != challenge) return base::Status::AlreadyExists("conflicting registration");
  if (!*stored) {
    rocksdb::WriteBatch batch;
    batch.Put(key, challenge);
    if (auto s = state.db->Write(batch, fmt::format("a registration for round {}", round)); !s.ok()) return s;
    spdlog::debug("poet: round {}: registered {}", round, base::ToHex(r.pubkey));
  }
  return SubmitResponseBody{std::to_string(round), end - now};
}

}  // namespace node::poet
