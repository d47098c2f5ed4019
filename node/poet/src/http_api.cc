#include "http_api.h"

#include <spdlog/spdlog.h>

#include "grpc_status.h"
#include "registration.h"
#include "rounds.h"

namespace node::poet {
namespace {

constexpr const char* kJson = "application/json";

void Reply(httplib::Response& res, const std::string& body) {
  res.status = 200;
  res.set_content(body, kJson);
}

void ReplyError(const httplib::Request& req, httplib::Response& res, const base::Status& status) {
  const HttpError e = ToHttpError(status);
  if (e.http_status >= 500) spdlog::error("poet: {} {}: {}", req.method, req.path, status.ToString());
  res.status = e.http_status;
  res.set_content(EncodeError({static_cast<int>(e.code), status.message()}), kJson);
}

}  // namespace

void InstallRoutes(httplib::Server& server, ServerState& state) {
  server.Get("/v1/info", [&state](const httplib::Request&, httplib::Response& res) {
    Reply(res, EncodeInfo({state.pubkey, state.options.phase_shift, state.options.cycle_gap}));
  });
  server.Get("/v1/pow_params", [&state](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(state.mu);
    Reply(res, EncodePowParams(state.pow_current));
  });
  server.Post("/v1/submit", [&state](const httplib::Request& req, httplib::Response& res) {
    auto request = ParseSubmitRequest(req.body);
    auto reply = request.ok() ? Register(state, *request) : base::Result<SubmitResponseBody>(request.status());
    if (!reply.ok()) return ReplyError(req, res, reply.status());
    Reply(res, EncodeSubmitResponse(*reply));
  });
  server.Get(R"(/v1/proofs/([^/]+))", [&state](const httplib::Request& req, httplib::Response& res) {
    auto body = LoadProofBody(state, req.matches[1].str());
    if (!body.ok()) return ReplyError(req, res, body.status());
    Reply(res, *body);
  });
  // Unknown paths, as the gateway answers them.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    res.set_content(EncodeError({static_cast<int>(GrpcCode::kNotFound), "Not Found"}), kJson);
  });
}

}  // namespace node::poet
