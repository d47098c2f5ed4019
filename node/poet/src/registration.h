// POST /v1/submit: the reference's checks in its order (reference/activation.md §4.2), then the
// registration synced to the database before the answer.
#pragma once

#include "node/poet/rest.h"
#include "server_state.h"

namespace node::poet {

// InvalidArgument "invalid public key" / "invalid signature" / "invalid challenge..." / "invalid
// proof of work..."; FailedPrecondition "too late to register for the desired round";
// AlreadyExists "conflicting registration". The same challenge again is a success.
base::Result<SubmitResponseBody> Register(ServerState& state, const SubmitRequestBody& request);

}  // namespace node::poet
