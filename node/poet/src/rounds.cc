#include "rounds.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "node/wire/membership.h"

namespace node::poet {
namespace {

// The members of `round` in key order (ascending public key): their challenges.
base::Result<std::vector<base::Hash32>> Members(const ServerState& state, uint64_t round) {
  std::vector<base::Hash32> members;
  bool bad = false;
  const std::string prefix = MemberKey(round);
  auto s = state.db->Scan(prefix, prefix, [&](std::string_view, std::string_view value) {
    if (value.size() != 32) {
      bad = true;
      return false;
    }
    base::Hash32& m = members.emplace_back();
    std::copy(value.begin(), value.end(), m.begin());
    return true;
  });
  if (!s.ok()) return s;
  if (bad) return base::Status::Corruption(fmt::format("poet database: round {}: a member is not 32 bytes", round));
  return members;
}

void LogEmptyRounds(uint64_t first, uint64_t end) {
  if (end == first + 1) spdlog::info("poet: round {} closed with no members: no work, no proof", first);
  if (end > first + 1) spdlog::info("poet: rounds {}..{} closed with no members: no work, no proof", first, end - 1);
}

}  // namespace

base::Result<std::optional<ExecutingRound>> LoadExecuting(ServerState& state) {
  auto stored = state.db->Get(kExecRecord);
  if (!stored.ok()) return stored.status();
  if (!*stored) return std::optional<ExecutingRound>();
  if ((*stored)->size() != 40) return base::Status::Corruption("poet database: bad executing-round record");
  ExecutingRound exec;
  exec.round = ReadBe64(**stored);
  std::copy((*stored)->begin() + 8, (*stored)->end(), exec.statement.begin());
  return std::optional<ExecutingRound>(exec);
}

base::Result<std::optional<ExecutingRound>> CloseDueRounds(ServerState& state) {
  std::lock_guard lock(state.mu);
  const uint64_t open = state.clock.OpenRoundId(std::chrono::system_clock::now());
  if (state.next_round >= open) return std::optional<ExecutingRound>();
  // The first round from next_round on that has a member.
  std::optional<uint64_t> first;
  auto s = state.db->Scan(kMemberPrefix, MemberKey(state.next_round), [&](std::string_view key, std::string_view) {
    first = ReadBe64(key.substr(kMemberPrefix.size()));
    return false;
  });
  if (!s.ok()) return s;
  if (!first || *first >= open) {
    LogEmptyRounds(state.next_round, open);
    state.next_round = open;
    return std::optional<ExecutingRound>();
  }
  LogEmptyRounds(state.next_round, *first);
  auto members = Members(state, *first);
  if (!members.ok()) return members.status();
  auto statement = wire::MembershipRoot(*members);
  if (!statement.ok()) return statement.status();
  const ExecutingRound exec{*first, *statement};
  rocksdb::WriteBatch batch;
  batch.Put(kExecRecord, Be64(exec.round) + std::string(exec.statement.begin(), exec.statement.end()));
  batch.Put(kNextRecord, Be64(exec.round + 1));
  if (auto w = state.db->Write(batch, fmt::format("the close of round {}", exec.round)); !w.ok()) return w;
  state.next_round = exec.round + 1;
  spdlog::info("poet: round {} closed: {} members, statement {}", exec.round, members->size(),
               base::ToHex(exec.statement));
  return std::optional<ExecutingRound>(exec);
}

base::Status StoreProof(ServerState& state, const ExecutingRound& round, const wire::PoetProof& proof) {
  std::lock_guard lock(state.mu);
  auto members = Members(state, round.round);
  if (!members.ok()) return members.status();
  ProofResponseBody body{proof, {}, state.pubkey};
  for (const base::Hash32& m : *members) body.members.emplace_back(m.begin(), m.end());
  const PowParamsBody next_pow{state.options.pow_difficulty, proof.root};
  rocksdb::WriteBatch batch;
  batch.Put(ProofKey(round.round), EncodeProofResponse(body));
  batch.DeleteRange(MemberKey(round.round), MemberKey(round.round + 1));
  batch.Delete(kExecRecord);
  const std::string pow(proof.root.begin(), proof.root.end());
  batch.Put(kPowRecord, pow + std::string(state.pow_current.challenge.begin(), state.pow_current.challenge.end()));
  if (auto s = state.db->Write(batch, fmt::format("the proof of round {}", round.round)); !s.ok()) return s;
  state.pow_previous = state.pow_current;
  state.pow_current = next_pow;
  spdlog::info("poet: round {}: proof stored ({} members, {} leaves, root {})", round.round, members->size(),
               proof.leaf_count, base::ToHex(proof.root));
  return base::Status::Ok();
}

base::Result<std::string> LoadProofBody(ServerState& state, std::string_view round_id) {
  // Decimal without leading zeros, as the reference writes round ids; a wrapped overflow or a
  // leading zero does not print back the same.
  const bool digits = !round_id.empty() && round_id.size() <= 20 &&
                      std::all_of(round_id.begin(), round_id.end(), [](char c) { return c >= '0' && c <= '9'; });
  uint64_t round = 0;
  for (char c : digits ? round_id : std::string_view()) round = round * 10 + static_cast<uint64_t>(c - '0');
  if (!digits || std::to_string(round) != round_id) return base::Status::NotFound("proof not found");
  auto body = state.db->Get(ProofKey(round));
  if (!body.ok()) return body.status();
  if (!*body) return base::Status::NotFound("proof not found");
  return std::move(**body);
}

}  // namespace node::poet
