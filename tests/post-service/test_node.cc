#include "test_node.h"

#include <future>
#include <thread>

namespace post_service::test {

namespace pb = spacemesh::v1;

struct TestNode::Command {
  pb::NodeRequest request;
  std::promise<std::optional<pb::ServiceResponse>> answer;
};

class TestNode::Service final : public pb::PostService::Service {
 public:
  grpc::Status Register(grpc::ServerContext* context,
                        grpc::ServerReaderWriter<pb::NodeRequest, pb::ServiceResponse>* stream) override {
    pb::NodeRequest hello;
    hello.mutable_metadata();
    pb::ServiceResponse response;
    if (!stream->Write(hello) || !stream->Read(&response)) return {grpc::StatusCode::CANCELLED, "stream closed"};
    if (!response.has_metadata() || !response.metadata().has_meta()) {
      return {grpc::StatusCode::UNKNOWN, "expected a metadata response"};
    }
    {
      std::lock_guard lock(mu_);
      if (connected_) return {grpc::StatusCode::UNKNOWN, "post service already registered"};
      connected_ = true;
      registrations_.push_back(response.metadata().meta());
      cv_.notify_all();
    }
    Serve(context, stream);
    std::lock_guard lock(mu_);
    connected_ = false;
    return grpc::Status::OK;
  }

  // Queues a request for the connected stream; the future gets nullopt if the stream breaks.
  std::shared_ptr<Command> Enqueue(pb::NodeRequest request) {
    auto command = std::make_shared<Command>();
    command->request = std::move(request);
    std::lock_guard lock(mu_);
    queue_.push_back(command);
    cv_.notify_all();
    return command;
  }

  void Withdraw(const std::shared_ptr<Command>& command) {
    std::lock_guard lock(mu_);
    std::erase(queue_, command);
  }

  void ShutDown() {
    std::lock_guard lock(mu_);
    shutting_down_ = true;
    cv_.notify_all();
  }

  int registrations() const {
    std::lock_guard lock(mu_);
    return int(registrations_.size());
  }

  std::optional<pb::Metadata> WaitForRegistration(int n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return int(registrations_.size()) >= n; })) return std::nullopt;
    return registrations_[n - 1];
  }

 private:
  void Serve(grpc::ServerContext* context, grpc::ServerReaderWriter<pb::NodeRequest, pb::ServiceResponse>* stream) {
    while (true) {
      std::shared_ptr<Command> command;
      {
        std::unique_lock lock(mu_);
        while (queue_.empty()) {
          if (shutting_down_ || context->IsCancelled()) return;
          cv_.wait_for(lock, std::chrono::milliseconds(20));
        }
        command = queue_.front();
        queue_.pop_front();
      }
      pb::ServiceResponse response;
      if (!stream->Write(command->request) || !stream->Read(&response)) {
        command->answer.set_value(std::nullopt);
        return;
      }
      command->answer.set_value(std::move(response));
    }
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool connected_ = false;                      // guarded by mu_
  bool shutting_down_ = false;                  // guarded by mu_
  std::vector<pb::Metadata> registrations_;     // guarded by mu_
  std::deque<std::shared_ptr<Command>> queue_;  // guarded by mu_
};

std::unique_ptr<TestNode> TestNode::Start(const TestNodeOptions& options) {
  std::unique_ptr<TestNode> node(new TestNode());
  node->service_ = std::make_unique<Service>();
  node->poll_interval_ = options.poll_interval;

  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (options.tls) {
    grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = options.tls->ca_cert;
    ssl.pem_key_cert_pairs.push_back({options.tls->key, options.tls->cert});
    credentials = grpc::SslServerCredentials(ssl);
  }
  grpc::ServerBuilder builder;
  // The node's keepalive policy (node.md §1): pings from clients at most once a minute.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 10 * 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 60 * 1000);
  builder.AddListeningPort("127.0.0.1:" + std::to_string(options.port), credentials, &node->port_);
  builder.RegisterService(node->service_.get());
  node->server_ = builder.BuildAndStart();
  if (!node->server_ || node->port_ == 0) return nullptr;
  return node;
}

TestNode::~TestNode() {
  service_->ShutDown();
  server_->Shutdown(std::chrono::system_clock::now());
  server_->Wait();
}

int TestNode::registrations() const { return service_->registrations(); }

std::optional<pb::Metadata> TestNode::WaitForRegistration(int n, std::chrono::milliseconds timeout) {
  return service_->WaitForRegistration(n, timeout);
}

std::optional<pb::GenProofResponse> TestNode::Ask(const std::string& challenge, std::chrono::milliseconds timeout) {
  pb::NodeRequest request;
  request.mutable_gen_proof()->set_challenge(challenge);
  auto command = service_->Enqueue(std::move(request));
  auto future = command->answer.get_future();
  if (future.wait_for(timeout) != std::future_status::ready) {
    service_->Withdraw(command);
    return std::nullopt;
  }
  auto response = future.get();
  if (!response || !response->has_gen_proof()) return std::nullopt;
  return response->gen_proof();
}

std::optional<pb::GenProofResponse> TestNode::Proof(const std::string& challenge, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto response = Ask(challenge, left);
    if (response && (response->status() != pb::GEN_PROOF_STATUS_OK || response->has_proof())) return response;
    std::this_thread::sleep_for(poll_interval_);
  }
  return std::nullopt;
}

}  // namespace post_service::test
