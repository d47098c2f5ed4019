#include "node/wire/poet_proof.h"

#include "post/blake3.h"

namespace node::wire {
namespace {

void EncodeNodes(Encoder& enc, std::string_view field, const std::vector<std::vector<uint8_t>>& nodes, uint32_t max) {
  enc.Count(field, nodes.size(), max);
  for (size_t i = 0; i < nodes.size() && enc.ok(); ++i) {
    FieldPath::Scope element(enc.path(), field, i);
    enc.Bytes("", nodes[i], kMaxPoetNode);
  }
}

std::vector<std::vector<uint8_t>> DecodeNodes(Decoder& dec, std::string_view field, uint32_t max) {
  std::vector<std::vector<uint8_t>> nodes(dec.Count(field, max));
  for (size_t i = 0; i < nodes.size() && dec.ok(); ++i) {
    FieldPath::Scope element(dec.path(), field, i);
    nodes[i] = dec.Bytes("", kMaxPoetNode);
  }
  return nodes;
}

}  // namespace

void EncodePoetProofFields(Encoder& enc, const PoetProof& proof) {
  enc.Bytes("root", proof.root, kMaxPoetNode);
  EncodeNodes(enc, "proven_leaves", proof.proven_leaves, kMaxProvenLeaves);
  EncodeNodes(enc, "proof_nodes", proof.proof_nodes, kMaxProofNodes);
  enc.Compact64(proof.leaf_count);
}

PoetProof DecodePoetProofFields(Decoder& dec) {
  PoetProof proof;
  proof.root = dec.Bytes("root", kMaxPoetNode);
  proof.proven_leaves = DecodeNodes(dec, "proven_leaves", kMaxProvenLeaves);
  proof.proof_nodes = DecodeNodes(dec, "proof_nodes", kMaxProofNodes);
  proof.leaf_count = dec.Compact64("leaf_count");
  return proof;
}

base::Result<std::vector<uint8_t>> EncodePoetProof(const PoetProof& proof) {
  Encoder enc;
  EncodePoetProofFields(enc, proof);
  auto bytes = std::move(enc).Finish();
  if (!bytes.ok()) return bytes.status().WithContext("poet proof");
  return bytes;
}

base::Result<PoetProof> DecodePoetProof(std::span<const uint8_t> bytes) {
  Decoder dec(bytes);
  PoetProof proof = DecodePoetProofFields(dec);
  if (auto status = dec.Finish(); !status.ok()) return status.WithContext("poet proof");
  return proof;
}

base::Result<std::vector<uint8_t>> EncodePoetProofMessage(const PoetProofMessage& message) {
  Encoder enc;
  {
    FieldPath::Scope scope(enc.path(), "proof");
    EncodePoetProofFields(enc, message.proof);
  }
  enc.Bytes("poet_service_id", message.poet_service_id, kMaxPoetServiceId);
  enc.Bytes("round_id", {reinterpret_cast<const uint8_t*>(message.round_id.data()), message.round_id.size()},
            kMaxRoundId);
  enc.Fixed(message.statement);
  enc.Fixed(message.signature);
  auto bytes = std::move(enc).Finish();
  if (!bytes.ok()) return bytes.status().WithContext("poet proof message");
  return bytes;
}

base::Result<PoetProofMessage> DecodePoetProofMessage(std::span<const uint8_t> bytes) {
  Decoder dec(bytes);
  PoetProofMessage message;
  {
    FieldPath::Scope scope(dec.path(), "proof");
    message.proof = DecodePoetProofFields(dec);
  }
  message.poet_service_id = dec.Bytes("poet_service_id", kMaxPoetServiceId);
  message.round_id = dec.String("round_id", kMaxRoundId);
  dec.Fixed("statement", message.statement);
  dec.Fixed("signature", message.signature);
  if (auto status = dec.Finish(); !status.ok()) return status.WithContext("poet proof message");
  return message;
}

base::Result<base::Hash32> PoetProofRef(const PoetProof& proof) {
  auto bytes = EncodePoetProof(proof);
  if (!bytes.ok()) return bytes.status();
  return post::Blake3Hash({*bytes});
}

}  // namespace node::wire
