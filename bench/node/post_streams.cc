#include "post_streams.h"

namespace bench {

namespace pb = spacemesh::v1;

std::shared_ptr<grpc::Channel> SeparateChannel(const std::string& address, int index) {
  grpc::ChannelArguments args;
  args.SetInt("sm.bench.connection", index);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

class PostStreams::Stream final : public grpc::ClientBidiReactor<pb::ServiceResponse, pb::NodeRequest> {
 public:
  Stream(PostStreams* owner, const std::string& address, int index, const base::Hash32& node_id)
      : owner_(owner), stub_(pb::PostService::NewStub(SeparateChannel(address, index))) {
    meta_.set_node_id(node_id.data(), node_id.size());
    meta_.set_commitment_atx_id(std::string(32, '\0'));
    meta_.set_nonce(0);
    meta_.set_num_units(4);
    meta_.set_labels_per_unit(1024);
    stub_->async()->Register(&context_, this);
    StartRead(&request_);
    StartCall();
  }

  void Cancel() { context_.TryCancel(); }

  // The node sends one request and waits for its answer, so reads and writes alternate.
  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream ended; OnDone follows
    response_.Clear();
    if (request_.has_metadata()) {
      *response_.mutable_metadata()->mutable_meta() = meta_;
    } else {
      response_.mutable_gen_proof()->set_status(pb::GEN_PROOF_STATUS_OK);
    }
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (ok) StartRead(&request_);
  }

  void OnDone(const grpc::Status& status) override { owner_->StreamDone(status); }

 private:
  PostStreams* owner_;
  std::unique_ptr<pb::PostService::Stub> stub_;
  grpc::ClientContext context_;
  pb::Metadata meta_;
  pb::NodeRequest request_;
  pb::ServiceResponse response_;
};

PostStreams::PostStreams(const std::string& address, const std::vector<base::Hash32>& node_ids) {
  streams_.reserve(node_ids.size());
  for (size_t i = 0; i < node_ids.size(); ++i) {
    streams_.push_back(std::make_unique<Stream>(this, address, static_cast<int>(i), node_ids[i]));
  }
}

PostStreams::~PostStreams() { Cancel(); }

void PostStreams::Cancel() {
  {
    std::lock_guard lock(mu_);
    cancelling_ = true;
  }
  for (auto& stream : streams_) stream->Cancel();
  std::unique_lock lock(mu_);
  all_done_.wait(lock, [&] { return done_ == streams_.size(); });
}

void PostStreams::StreamDone(const grpc::Status& status) {
  std::lock_guard lock(mu_);
  if (!cancelling_) ++ended_[std::to_string(status.error_code()) + " " + status.error_message()];
  ++done_;
  all_done_.notify_all();
}

std::map<std::string, int> PostStreams::Ended() const {
  std::lock_guard lock(mu_);
  return ended_;
}

}  // namespace bench
