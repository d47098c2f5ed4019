#include "node/poet/client.h"

#include <fmt/format.h>

#include "grpc_status.h"
#include "http_client.h"
#include "node/poet/rest.h"
#include "node/posw/verifier.h"
#include "node/wire/membership.h"
#include "node/wire/poet_pow.h"

namespace node::poet {
namespace {

std::string Normalise(std::string url) { return url.find("://") == std::string::npos ? "http://" + url : url; }

// GET or POST `path`; the body of a 200 answer, else the answer as a Status naming `context`.
base::Result<std::string> Fetch(const HttpEndpoint& endpoint, const std::string& path, const std::string* body,
                                const std::string& context, const std::atomic<bool>& stop) {
  auto reply = endpoint.Call(path, body, stop);
  if (!reply.ok()) return reply.status().WithContext(context);
  if (reply->status != 200) return FromHttpError(reply->status, reply->body, context);
  return std::move(reply->body);
}

// Parses a 200 body; Corruption naming `context` when it is not the expected message.
template <typename T>
base::Result<T> ParseOrCorrupt(base::Result<T> parsed, const std::string& context) {
  if (!parsed.ok()) return base::Status::Corruption(context + ": " + parsed.status().message());
  return parsed;
}

// The proof, validated as go-spacemesh's poetdb validates it, and its stored forms.
base::Result<RoundProof> Validate(ProofResponseBody body, const std::string& round_id, const std::string& context) {
  RoundProof out;
  for (size_t i = 0; i < body.members.size(); ++i) {
    if (body.members[i].size() != 32) {
      return base::Status::Corruption(
          fmt::format("{}: member {} is {} bytes, not a 32-byte challenge", context, i, body.members[i].size()));
    }
    std::copy(body.members[i].begin(), body.members[i].end(), out.members.emplace_back().begin());
  }
  auto statement = wire::MembershipRoot(out.members);
  if (!statement.ok()) return base::Status::InvalidProof(context + ": " + statement.status().message());
  out.message = wire::PoetProofMessage{std::move(body.proof), std::move(body.pubkey), round_id, *statement, {}};
  auto ref = wire::PoetProofRef(out.message.proof);
  auto bytes = wire::EncodePoetProofMessage(out.message);
  if (!ref.ok() || !bytes.ok()) {
    return base::Status::InvalidProof(context + ": " + (ref.ok() ? bytes.status() : ref.status()).message());
  }
  out.ref = *ref;
  out.message_bytes = std::move(*bytes);
  if (auto s = posw::Verify(out.message.proof, out.message.statement); !s.ok()) {
    return base::Status::InvalidProof(context + ": " + s.message());
  }
  return out;
}

}  // namespace

Client::Client(std::string url, ClientOptions options) : address_(Normalise(std::move(url))), options_(options) {}

base::Result<Registration> Client::Submit(const wire::Hash20& genesis_id, std::span<const uint8_t, 64> private_key,
                                          const base::Hash32& challenge, WallTime deadline,
                                          const std::atomic<bool>* stop) {
  const std::atomic<bool> never{false};
  const std::atomic<bool>& stop_flag = stop != nullptr ? *stop : never;
  const HttpEndpoint endpoint(address_, options_);
  const std::string context = "poet " + address_;

  auto info_body = Fetch(endpoint, "/v1/info", nullptr, context + "/v1/info", stop_flag);
  if (!info_body.ok()) return info_body.status();
  auto info = ParseOrCorrupt(ParseInfo(*info_body), context + "/v1/info");
  if (!info.ok()) return info.status();
  const std::chrono::nanoseconds ours = options_.phase_shift;
  if (info->phase_shift != ours) {
    return base::Status::FailedPrecondition(fmt::format("{}: the PoET's phase shift {} differs from the node's {}",
                                                        context, FormatProtoDuration(info->phase_shift),
                                                        FormatProtoDuration(ours)));
  }
  auto pow_body = Fetch(endpoint, "/v1/pow_params", nullptr, context + "/v1/pow_params", stop_flag);
  if (!pow_body.ok()) return pow_body.status();
  auto pow = ParseOrCorrupt(ParsePowParams(*pow_body), context + "/v1/pow_params");
  if (!pow.ok()) return pow.status();

  auto node_id = wire::PublicKeyOf(private_key);
  if (!node_id.ok()) return node_id.status().WithContext(context);
  uint64_t nonce = 0;
  if (pow->difficulty > 0) {
    auto found = wire::FindPowNonce(pow->challenge, *node_id, challenge, pow->difficulty, stop_flag);
    if (!found.ok()) return found.status().WithContext(context + ": registration PoW");
    nonce = *found;
  }
  auto signature = wire::Sign(private_key, genesis_id, wire::Domain::kPoet, challenge);
  if (!signature.ok()) return signature.status().WithContext(context);

  SubmitRequestBody request;
  request.nonce = nonce;
  request.pow_params = *pow;
  request.prefix.assign(genesis_id.begin(), genesis_id.end());
  request.prefix.push_back(static_cast<uint8_t>(wire::Domain::kPoet));
  request.challenge.assign(challenge.begin(), challenge.end());
  request.pubkey.assign(node_id->begin(), node_id->end());
  request.signature.assign(signature->begin(), signature->end());
  // go-spacemesh sends Go's zero time for "no deadline"; the reference PoET reads it as none.
  request.deadline = deadline == WallTime{} ? kGoZeroTime : FromTimePoint(deadline);
  const std::string body = EncodeSubmitRequest(request);
  auto reply_body = Fetch(endpoint, "/v1/submit", &body, context + "/v1/submit", stop_flag);
  if (!reply_body.ok()) return reply_body.status();
  auto reply = ParseOrCorrupt(ParseSubmitResponse(*reply_body), context + "/v1/submit");
  if (!reply.ok()) return reply.status();
  const auto left = std::chrono::duration_cast<WallTime::duration>(reply->round_end);
  return Registration{reply->round_id, std::chrono::system_clock::now() + left};
}

Client::ProofResult Client::Proof(const std::string& round_id, bool* downloaded) {
  if (downloaded != nullptr) *downloaded = false;
  std::promise<ProofResult> promise;
  std::shared_future<ProofResult> someone_elses;
  {
    std::lock_guard lock(mu_);
    if (auto it = proofs_.find(round_id); it != proofs_.end()) return it->second;
    if (auto it = downloading_.find(round_id); it != downloading_.end()) {
      someone_elses = it->second;
    } else {
      downloading_.emplace(round_id, promise.get_future().share());
    }
  }
  if (someone_elses.valid()) return someone_elses.get();
  ProofResult result = Download(round_id);
  {
    std::lock_guard lock(mu_);
    if (result.ok()) proofs_.emplace(round_id, *result);
    downloading_.erase(round_id);
  }
  promise.set_value(result);
  if (downloaded != nullptr) *downloaded = result.ok();
  return result;
}

Client::ProofResult Client::Download(const std::string& round_id) const {
  const std::atomic<bool> never{false};
  const std::string path = "/v1/proofs/" + round_id;
  const std::string context = fmt::format("poet {}{}: round {}", address_, path, round_id);
  auto reply = HttpEndpoint(address_, options_).Call(path, nullptr, never);
  if (!reply.ok()) return reply.status().WithContext(fmt::format("round {}", round_id));
  if (reply->status == 404) {
    return base::Status::NotFound(fmt::format("{}: no proof yet (HTTP 404)", context));
  }
  if (reply->status != 200) return FromHttpError(reply->status, reply->body, context);
  auto body = ParseOrCorrupt(ParseProofResponse(reply->body), context);
  if (!body.ok()) return body.status();
  auto proof = Validate(std::move(*body), round_id, context);
  if (!proof.ok()) return proof.status();
  return std::shared_ptr<const RoundProof>(std::make_shared<const RoundProof>(std::move(*proof)));
}

}  // namespace node::poet
