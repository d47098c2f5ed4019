#include "http_api.h"

#include <spdlog/spdlog.h>

#include "grpc_status.h"
#include "registration.h"
#include "rounds.h"

namespace node::poet {
namespace {

constexpr const char* kJson = "application/json";

base::HttpResponse Reply(std::string body) { return {200, kJson, std::move(body)}; }

base::HttpResponse ReplyError(const base::HttpRequest& req, const base::Status& status) {
  const HttpError e = ToHttpError(status);
  if (e.http_status >= 500) spdlog::error("poet: {} {}: {}", req.method, req.path, status.ToString());
  return {e.http_status, kJson, EncodeError({static_cast<int>(e.code), status.message()})};
}

}  // namespace

void InstallRoutes(base::HttpServer& server, ServerState& state) {
  server.Handle("GET", "/v1/info", [&state](const base::HttpRequest&) {
    return Reply(EncodeInfo({state.pubkey, state.options.phase_shift, state.options.cycle_gap}));
  });
  server.Handle("GET", "/v1/pow_params", [&state](const base::HttpRequest&) {
    std::lock_guard lock(state.mu);
    return Reply(EncodePowParams(state.pow_current));
  });
  server.Handle("POST", "/v1/submit", [&state](const base::HttpRequest& req) {
    auto request = ParseSubmitRequest(req.body);
    auto reply = request.ok() ? Register(state, *request) : base::Result<SubmitResponseBody>(request.status());
    return reply.ok() ? Reply(EncodeSubmitResponse(*reply)) : ReplyError(req, reply.status());
  });
  server.Handle("GET", "/v1/proofs/*", [&state](const base::HttpRequest& req) {
    auto body = LoadProofBody(state, req.params[0]);
    return body.ok() ? Reply(*body) : ReplyError(req, body.status());
  });
  // Unknown paths, as the gateway answers them.
  server.HandleUnmatched([](const base::HttpRequest&) {
    return base::HttpResponse{404, kJson, EncodeError({static_cast<int>(GrpcCode::kNotFound), "Not Found"})};
  });
}

}  // namespace node::poet
