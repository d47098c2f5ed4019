// Closing rounds and keeping their proofs (reference/activation.md §4.4): a round closes at its
// start, with its members in ascending public-key order and the membership root as statement;
// its proof is stored under the round id, and the PoW challenge becomes the proof's root.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "node/wire/poet_proof.h"
#include "server_state.h"

namespace node::poet {

// A closed round with members whose proof is not stored yet.
struct ExecutingRound {
  uint64_t round = 0;
  base::Hash32 statement{};
};

// The executing round recorded in the database, if any.
base::Result<std::optional<ExecutingRound>> LoadExecuting(ServerState& state);

// Closes the rounds whose start has passed, oldest first. Rounds without members are only
// logged (no work, no proof: nobody could use one). The first with members is recorded as
// executing and returned; nullopt when no such round is due.
base::Result<std::optional<ExecutingRound>> CloseDueRounds(ServerState& state);

// Stores `proof` with the round's members and the server key as the round's ProofResponse,
// drops the members and the executing record, and rotates the PoW challenge, in one synced write.
base::Status StoreProof(ServerState& state, const ExecutingRound& round, const wire::PoetProof& proof);

// The stored ProofResponse body of `round_id` (decimal); NotFound "proof not found" otherwise.
base::Result<std::string> LoadProofBody(ServerState& state, std::string_view round_id);

}  // namespace node::poet
