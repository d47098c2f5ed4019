#include "post_service/node_client.h"

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include "base/files.h"
#include "post_service/request_handler.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace post_service {
namespace {

namespace pb = spacemesh::v1;

// Keepalive as the reference client sets it: a ping after 10 minutes without traffic, 20 s to
// answer. The node allows one ping a minute, so this never earns a GOAWAY.
constexpr int kKeepaliveTimeMs = 10 * 60 * 1000;
constexpr int kKeepaliveTimeoutMs = 20 * 1000;

// A TLS file named by `flag`; an empty one is an error too.
base::Result<std::string> ReadTlsFile(const std::filesystem::path& path, const char* flag) {
  auto text = base::ReadFile(path, flag);
  if (text.ok() && text->empty())
    return base::Status::IoError(std::string(flag) + " file " + path.string() + " is empty");
  return text;
}

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

base::Result<std::optional<TlsFiles>> LoadTlsFiles(const ServiceConfig& config) {
  if (!config.ca_cert) return std::optional<TlsFiles>();
  TlsFiles tls;
  auto ca = ReadTlsFile(*config.ca_cert, "--ca-cert");
  if (!ca.ok()) return ca.status();
  auto cert = ReadTlsFile(*config.cert, "--cert");
  if (!cert.ok()) return cert.status();
  auto key = ReadTlsFile(*config.key, "--key");
  if (!key.ok()) return key.status();
  tls.ca_cert = std::move(*ca);
  tls.cert = std::move(*cert);
  tls.key = std::move(*key);
  tls.domain = config.domain;
  return std::optional<TlsFiles>(std::move(tls));
}

NodeClient::NodeClient(NodeClientConfig config, post::PostMetadata meta, ProvingService& prover)
    : config_(std::move(config)), meta_(std::move(meta)), prover_(prover) {}

NodeClient::~NodeClient() { Shutdown(); }

std::shared_ptr<grpc::Channel> NodeClient::MakeChannel() const {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, kKeepaliveTimeMs);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, kKeepaliveTimeoutMs);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);  // keep pinging an idle stream
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  // Each attempt dials afresh instead of inheriting a shared subchannel's backoff, so the
  // reconnect interval is the one the operator set.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (config_.tls) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = config_.tls->ca_cert;
    options.pem_cert_chain = config_.tls->cert;
    options.pem_private_key = config_.tls->key;
    credentials = grpc::SslCredentials(options);
    if (config_.tls->domain) args.SetSslTargetNameOverride(*config_.tls->domain);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  return grpc::CreateCustomChannel(config_.address.Target(), credentials, args);
}

bool NodeClient::Session(std::string* why) {
  grpc::ClientContext context;
  {
    std::lock_guard lock(mu_);
    if (shutdown_) return false;
    active_ = &context;
  }
  auto stub = pb::PostService::NewStub(MakeChannel());
  auto stream = stub->Register(&context);
  bool served = false;
  pb::NodeRequest request;
  while (stream->Read(&request)) {
    if (!served) {
      served = true;
      connected_ = true;
      sessions_.fetch_add(1);
      failed_attempts_ = 0;
      spdlog::info("connected to the node at {}", config_.address.Target());
    }
    last_request_unix_s_ = UnixNow();
    if (!stream->Write(HandleNodeRequest(request, meta_, prover_))) {
      context.TryCancel();
      break;
    }
  }
  connected_ = false;
  const grpc::Status status = stream->Finish();
  *why = status.ok() ? "the node closed the stream"
                     : "gRPC status " + std::to_string(int(status.error_code())) + ": " + status.error_message();
  std::lock_guard lock(mu_);
  active_ = nullptr;
  return served;
}

base::Status NodeClient::Run() {
  spdlog::info("connecting to the node at {}{}", config_.address.Target(), config_.tls ? " (TLS)" : "");
  uint64_t failures = 0;
  while (true) {
    std::string why;
    const bool served = Session(&why);
    std::unique_lock lock(mu_);
    if (shutdown_) return base::Status::Ok();
    failures = served ? 0 : failures + 1;
    failed_attempts_ = failures;
    if (config_.max_retries && failures > *config_.max_retries) {
      return base::Status::Aborted("max retries (" + std::to_string(*config_.max_retries) +
                                   ") reached; last error: " + why);
    }
    const auto wait = config_.reconnect_interval;
    if (served) {
      spdlog::warn("disconnected from the node: {}; reconnecting in {} s", why, wait.count());
    } else {
      std::string attempt = "attempt " + std::to_string(failures);
      if (config_.max_retries) attempt.append(" of ").append(std::to_string(*config_.max_retries + 1));
      spdlog::warn("cannot reach the node at {} ({}): {}; retrying in {} s", config_.address.Target(), attempt, why,
                   wait.count());
    }
    if (wake_.wait_for(lock, wait, [this] { return shutdown_; })) return base::Status::Ok();
  }
}

void NodeClient::Shutdown() {
  std::lock_guard lock(mu_);
  shutdown_ = true;
  if (active_) active_->TryCancel();
  wake_.notify_all();
}

ConnectionStatus NodeClient::Connection() const {
  ConnectionStatus s;
  s.connected = connected_;
  s.sessions = sessions_;
  s.failed_attempts = failed_attempts_;
  const int64_t last = last_request_unix_s_;
  if (last >= 0) s.last_request_unix_s = last;
  return s;
}

}  // namespace post_service
