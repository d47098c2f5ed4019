// The JSON bodies of the PoET REST API (reference/activation.md §4.1) exactly as grpc-gateway
// writes and protojson reads them: lowerCamelCase keys, bytes as standard base64, uint64 as a
// decimal string, Durations and Timestamps as text. Parsers accept what protojson accepts (proto
// field names too, integers as numbers or strings, null for absent) and ignore unknown keys; a
// wrong type fails with InvalidArgument naming the field. Used by our client and our server.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "node/poet/protojson_time.h"
#include "node/wire/poet_proof.h"

namespace node::poet {

using Bytes = std::vector<uint8_t>;

// GET /v1/info (InfoResponse; the certifier is never sent: we have none).
struct InfoBody {
  Bytes service_pubkey;
  std::chrono::nanoseconds phase_shift{};
  std::chrono::nanoseconds cycle_gap{};
};

// The registration proof-of-work parameters (PowParams), also inside SubmitRequest.
struct PowParamsBody {
  uint32_t difficulty = 0;
  Bytes challenge;
  bool operator==(const PowParamsBody&) const = default;
};

// POST /v1/submit request (SubmitRequest; the certificate fields are not used).
struct SubmitRequestBody {
  uint64_t nonce = 0;
  PowParamsBody pow_params;
  Bytes prefix;                       // GenesisID || 0x04
  Bytes challenge;                    // the 32-byte challenge hash
  Bytes pubkey;                       // the node id
  Bytes signature;                    // ed25519 over prefix || challenge
  std::optional<Timestamp> deadline;  // absent: none
};

// POST /v1/submit reply: the round and the time left until it ends.
struct SubmitResponseBody {
  std::string round_id;
  std::chrono::nanoseconds round_end{};
};

// GET /v1/proofs/{round} reply: the PoSW proof, the members in the server's order, the PoET key.
struct ProofResponseBody {
  wire::PoetProof proof;  // root, proven leaves, proof nodes and leaf count
  std::vector<Bytes> members;
  Bytes pubkey;
};

// grpc-gateway's error body, {"code": <gRPC code>, "message": ..., "details": []}.
struct ErrorBody {
  int code = 0;
  std::string message;
};

// The bodies as the gateway writes them (EmitUnpopulated: zero fields too; an absent deadline is
// left out).
std::string EncodeInfo(const InfoBody& body);
std::string EncodePowParams(const PowParamsBody& body);  // {"powParams": {...}}
std::string EncodeSubmitRequest(const SubmitRequestBody& body);
std::string EncodeSubmitResponse(const SubmitResponseBody& body);
std::string EncodeProofResponse(const ProofResponseBody& body);
std::string EncodeError(const ErrorBody& body);

// The bodies as protojson reads them with DiscardUnknown; InvalidArgument "<Message>: field
// <path>: <why>" or "<Message>: body is not valid JSON".
base::Result<InfoBody> ParseInfo(std::string_view json);
base::Result<PowParamsBody> ParsePowParams(std::string_view json);  // the whole PowParamsResponse
base::Result<SubmitRequestBody> ParseSubmitRequest(std::string_view json);
base::Result<SubmitResponseBody> ParseSubmitResponse(std::string_view json);
base::Result<ProofResponseBody> ParseProofResponse(std::string_view json);
base::Result<ErrorBody> ParseError(std::string_view json);

}  // namespace node::poet
