#include "node/poet/rest.h"

#include <nlohmann/json.hpp>

#include <memory>

#include "base/bytes.h"
#include "json_fields.h"

namespace node::poet {
namespace {

using Json = nlohmann::ordered_json;  // keys in field-number order, as the gateway writes them

Json BytesList(const std::vector<Bytes>& list) {
  Json out = Json::array();
  for (const Bytes& item : list) out.push_back(base::ToBase64(item));
  return out;
}

Json PowParamsJson(const PowParamsBody& p) {
  return Json{{"difficulty", p.difficulty}, {"challenge", base::ToBase64(p.challenge)}};
}

PowParamsBody ReadPowParams(FieldReader r) {
  PowParamsBody p;
  p.difficulty = r.U32("difficulty", "difficulty");
  p.challenge = r.Bytes("challenge", "challenge");
  return p;
}

// Parses `json` and hands the top-level reader to `read`; InvalidArgument naming `what` on bad
// JSON or a bad field.
template <typename T, typename Read>
base::Result<T> Parse(std::string_view json, const char* what, Read read) {
  const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return base::Status::InvalidArgument(std::string(what) + ": body is not valid JSON");
  auto error = std::make_shared<base::Status>();
  T out = read(FieldReader::Document(doc, error));
  if (!error->ok()) return error->WithContext(what);
  return out;
}

}  // namespace

std::string EncodeInfo(const InfoBody& body) {
  return Json{{"servicePubkey", base::ToBase64(body.service_pubkey)},
              {"phaseShift", FormatProtoDuration(body.phase_shift)},
              {"cycleGap", FormatProtoDuration(body.cycle_gap)}}
      .dump();
}

std::string EncodePowParams(const PowParamsBody& body) { return Json{{"powParams", PowParamsJson(body)}}.dump(); }

std::string EncodeSubmitRequest(const SubmitRequestBody& body) {
  Json out{{"nonce", std::to_string(body.nonce)},   {"powParams", PowParamsJson(body.pow_params)},
           {"prefix", base::ToBase64(body.prefix)}, {"challenge", base::ToBase64(body.challenge)},
           {"pubkey", base::ToBase64(body.pubkey)}, {"signature", base::ToBase64(body.signature)}};
  if (body.deadline) out["deadline"] = FormatProtoTimestamp(*body.deadline);
  return out.dump();
}

std::string EncodeSubmitResponse(const SubmitResponseBody& body) {
  return Json{{"roundId", body.round_id}, {"roundEnd", FormatProtoDuration(body.round_end)}}.dump();
}

std::string EncodeProofResponse(const ProofResponseBody& body) {
  const Json merkle{{"root", base::ToBase64(body.proof.root)},
                    {"provenLeaves", BytesList(body.proof.proven_leaves)},
                    {"proofNodes", BytesList(body.proof.proof_nodes)}};
  const Json proof{
      {"proof", merkle}, {"members", BytesList(body.members)}, {"leaves", std::to_string(body.proof.leaf_count)}};
  return Json{{"proof", proof}, {"pubkey", base::ToBase64(body.pubkey)}}.dump();
}

std::string EncodeError(const ErrorBody& body) {
  return Json{{"code", body.code}, {"message", body.message}, {"details", Json::array()}}.dump();
}

base::Result<InfoBody> ParseInfo(std::string_view json) {
  return Parse<InfoBody>(json, "InfoResponse", [](FieldReader r) {
    InfoBody out;
    out.service_pubkey = r.Bytes("servicePubkey", "service_pubkey");
    out.phase_shift = r.Duration("phaseShift", "phase_shift");
    out.cycle_gap = r.Duration("cycleGap", "cycle_gap");
    return out;
  });
}

base::Result<PowParamsBody> ParsePowParams(std::string_view json) {
  return Parse<PowParamsBody>(json, "PowParamsResponse",
                              [](FieldReader r) { return ReadPowParams(r.Object("powParams", "pow_params")); });
}

base::Result<SubmitRequestBody> ParseSubmitRequest(std::string_view json) {
  return Parse<SubmitRequestBody>(json, "SubmitRequest", [](FieldReader r) {
    SubmitRequestBody out;
    out.nonce = r.U64("nonce", "nonce");
    out.pow_params = ReadPowParams(r.Object("powParams", "pow_params"));
    out.prefix = r.Bytes("prefix", "prefix");
    out.challenge = r.Bytes("challenge", "challenge");
    out.pubkey = r.Bytes("pubkey", "pubkey");
    out.signature = r.Bytes("signature", "signature");
    out.deadline = r.OptionalTimestamp("deadline", "deadline");
    return out;
  });
}

base::Result<SubmitResponseBody> ParseSubmitResponse(std::string_view json) {
  return Parse<SubmitResponseBody>(json, "SubmitResponse", [](FieldReader r) {
    SubmitResponseBody out;
    out.round_id = r.String("roundId", "round_id");
    out.round_end = r.Duration("roundEnd", "round_end");
    return out;
  });
}

base::Result<ProofResponseBody> ParseProofResponse(std::string_view json) {
  return Parse<ProofResponseBody>(json, "ProofResponse", [](FieldReader r) {
    ProofResponseBody out;
    FieldReader poet_proof = r.Object("proof", "proof");
    FieldReader merkle = poet_proof.Object("proof", "proof");
    out.proof.root = merkle.Bytes("root", "root");
    out.proof.proven_leaves = merkle.RepeatedBytes("provenLeaves", "proven_leaves");
    out.proof.proof_nodes = merkle.RepeatedBytes("proofNodes", "proof_nodes");
    out.members = poet_proof.RepeatedBytes("members", "members");
    out.proof.leaf_count = poet_proof.U64("leaves", "leaves");
    out.pubkey = r.Bytes("pubkey", "pubkey");
    return out;
  });
}

base::Result<ErrorBody> ParseError(std::string_view json) {
  return Parse<ErrorBody>(json, "error body", [](FieldReader r) {
    ErrorBody out;
    out.code = r.I32("code", "code");
    out.message = r.String("message", "message");
    return out;
  });
}

}  // namespace node::poet
