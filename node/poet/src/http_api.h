// The REST routes of the PoET API as grpc-gateway serves them (reference/activation.md §4.1):
// GET /v1/info, GET /v1/pow_params, POST /v1/submit, GET /v1/proofs/{round_id}; errors with the
// gateway's HTTP status and {"code","message","details"} body.
#pragma once

#include "base/http_server.h"
#include "server_state.h"

namespace node::poet {

// Adds the routes to `server`; `state` must outlive it.
void InstallRoutes(base::HttpServer& server, ServerState& state);

}  // namespace node::poet
