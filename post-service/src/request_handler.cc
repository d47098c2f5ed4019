#include "post_service/request_handler.h"

#include <spdlog/spdlog.h>

namespace post_service {
namespace {

namespace pb = spacemesh::v1;

std::string Bytes(const base::Hash32& hash) { return std::string(hash.begin(), hash.end()); }

void FillMetadata(const post::PostMetadata& meta, pb::Metadata* out) {
  out->set_node_id(Bytes(meta.node_id));
  out->set_commitment_atx_id(Bytes(meta.commitment_atx_id));
  if (meta.nonce) out->set_nonce(*meta.nonce);
  out->set_num_units(meta.num_units);
  out->set_labels_per_unit(meta.labels_per_unit);
}

void FillGenProof(const GenProofReply& reply, const post::PostMetadata& meta, pb::GenProofResponse* out) {
  if (reply.kind == GenProofReply::Kind::kError) {
    out->set_status(pb::GEN_PROOF_STATUS_ERROR);
    return;
  }
  out->set_status(pb::GEN_PROOF_STATUS_OK);
  if (reply.kind != GenProofReply::Kind::kProof) return;
  auto* proof = out->mutable_proof();
  proof->set_nonce(reply.proof.nonce);
  proof->set_indices(std::string(reply.proof.indices.begin(), reply.proof.indices.end()));
  proof->set_pow(reply.proof.pow);
  auto* proof_meta = out->mutable_metadata();
  proof_meta->set_challenge(Bytes(reply.meta.challenge));
  FillMetadata(meta, proof_meta->mutable_meta());
}

}  // namespace

pb::ServiceResponse HandleNodeRequest(const pb::NodeRequest& request, const post::PostMetadata& meta,
                                      ProvingService& prover) {
  pb::ServiceResponse response;
  switch (request.kind_case()) {
    case pb::NodeRequest::kMetadata:
      spdlog::debug("node asks for metadata");
      FillMetadata(meta, response.mutable_metadata()->mutable_meta());
      break;
    case pb::NodeRequest::kGenProof: {
      const std::string& challenge = request.gen_proof().challenge();
      const auto reply = prover.GenProof({reinterpret_cast<const uint8_t*>(challenge.data()), challenge.size()});
      FillGenProof(reply, meta, response.mutable_gen_proof());
      break;
    }
    case pb::NodeRequest::KIND_NOT_SET:
      spdlog::warn("the node sent a request of no known kind; answering with an error");
      response.mutable_gen_proof()->set_status(pb::GEN_PROOF_STATUS_ERROR);
      break;
  }
  return response;
}

}  // namespace post_service
