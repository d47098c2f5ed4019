#include "post_stream.h"

#include "support/poll.h"

namespace node::test {

namespace pb = spacemesh::v1;

pb::Metadata SampleMetadata(const base::Hash32& node_id) {
  pb::Metadata meta;
  meta.set_node_id(node_id.data(), node_id.size());
  meta.set_commitment_atx_id(std::string(32, '\x6f'));
  meta.set_nonce(1430);
  meta.set_num_units(2);
  meta.set_labels_per_unit(1024);
  return meta;
}

PostStream::PostStream(std::shared_ptr<grpc::Channel> channel) : stub_(pb::PostService::NewStub(channel)) {
  context_.set_deadline(std::chrono::system_clock::now() + sm::test::kTimeout);
  stream_ = stub_->Register(&context_);
}

PostStream::~PostStream() {
  if (!finished_) {
    context_.TryCancel();
    stream_->Finish();
  }
}

std::optional<pb::NodeRequest> PostStream::Read() {
  pb::NodeRequest request;
  if (!stream_->Read(&request)) return std::nullopt;
  return request;
}

bool PostStream::Write(const pb::ServiceResponse& response) { return stream_->Write(response); }

bool PostStream::Handshake(const pb::Metadata& meta) {
  const auto request = Read();
  if (!request || !request->has_metadata()) return false;
  pb::ServiceResponse response;
  *response.mutable_metadata()->mutable_meta() = meta;
  return Write(response);
}

grpc::Status PostStream::Finish() {
  finished_ = true;
  return stream_->Finish();
}

grpc::Status PostStream::Close() {
  stream_->WritesDone();
  // Requests the node sent meanwhile (it asks for the initial post at once) are read and dropped,
  // as gRPC wants every incoming message read before Finish.
  spacemesh::v1::NodeRequest ignored;
  while (stream_->Read(&ignored)) {
  }
  return Finish();
}

}  // namespace node::test
