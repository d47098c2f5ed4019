#include "scripted_service.h"

namespace node::test {

namespace pb = spacemesh::v1;

ScriptedService::ScriptedService(int port, Script script)
    : script_(script),
      channel_(grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials())),
      stub_(pb::PostService::NewStub(channel_)),
      thread_([this] { Run(); }) {}

ScriptedService::~ScriptedService() {
  context_.TryCancel();
  thread_.join();
}

void ScriptedService::Run() {
  auto stream = stub_->Register(&context_);
  pb::NodeRequest request;
  while (stream->Read(&request)) {
    pb::ServiceResponse response;
    if (request.has_metadata()) {
      saw_metadata_request_ = true;
      pb::Metadata* meta = response.mutable_metadata()->mutable_meta();
      meta->set_node_id(script_.node_id_bytes.value_or(
          std::string(reinterpret_cast<const char*>(script_.node_id.data()), script_.node_id.size())));
      meta->set_commitment_atx_id(script_.commitment);
      meta->set_nonce(42);
      meta->set_num_units(script_.num_units);
      meta->set_labels_per_unit(script_.labels_per_unit);
    } else {
      const int n = ++proof_requests_;
      pb::GenProofResponse* answer = response.mutable_gen_proof();
      answer->set_status(pb::GEN_PROOF_STATUS_OK);
      if (n > script_.busy_polls) {
        if (script_.hang_up_after_busy) break;
        if (script_.fail) {
          answer->set_status(pb::GEN_PROOF_STATUS_ERROR);
        } else {
          answer->mutable_proof()->set_nonce(7);
          answer->mutable_proof()->set_indices("\x01\x02");
          answer->mutable_proof()->set_pow(99);
          std::string challenge = request.gen_proof().challenge();
          if (script_.wrong_challenge) challenge[0] ^= 1;
          answer->mutable_metadata()->set_challenge(challenge);
          answer->mutable_metadata()->mutable_meta()->set_node_id(script_.node_id.data(), script_.node_id.size());
          answer->mutable_metadata()->mutable_meta()->set_num_units(4);
        }
      }
    }
    if (!stream->Write(response)) break;
  }
  stream->WritesDone();
  status_ = stream->Finish();
  ended_ = true;
}

std::optional<grpc::Status> ScriptedService::WaitForEnd(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!ended_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (!ended_) return std::nullopt;
  return status_;
}

}  // namespace node::test
