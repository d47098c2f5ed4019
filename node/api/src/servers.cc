#include <fmt/format.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <set>

#include "base/files.h"
#include "base/host_port.h"
#include "base/listen_socket.h"
#include "services.h"

namespace node {

class ApiServers::Services {
 public:
  explicit Services(const ApiContext& context)
      : context(context),
        post_info(this->context),
        smesher(this->context),
        node(this->context),
        activation(this->context),
        admin(this->context) {}

  // The services a listener serves (node.md §5).
  std::vector<grpc::Service*> For(const std::string& listener) {
    if (listener == "public") return {&node, &activation};
    if (listener == "private") return {&smesher, &admin};
    return {context.posts, &post_info};  // post and tls
  }

  const ApiContext context;
  api::PostInfoService post_info;
  api::SmesherService smesher;
  api::NodeService node;
  api::ActivationService activation;
  api::AdminService admin;
};

namespace {

struct Listener {
  std::string name;  // public, private, post, tls
  std::string key;   // config key, for errors
  std::string address;
};

base::Result<std::shared_ptr<grpc::ServerCredentials>> MutualTls(const Config::Api& api) {
  auto ca = base::ReadFile(api.tls_ca_cert, "api.grpc-tls-ca-cert");
  if (!ca.ok()) return ca.status();
  auto cert = base::ReadFile(api.tls_cert, "api.grpc-tls-cert");
  if (!cert.ok()) return cert.status();
  auto key = base::ReadFile(api.tls_key, "api.grpc-tls-key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = *ca;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

void ApplyPolicy(grpc::ServerBuilder& builder, const Config::Api& api, bool is_public) {
  // Keepalive as the reference (node.md §1): ping after 10 min idle, 10 s to answer; clients
  // may ping once a minute, also without calls in flight.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 10 * 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);  // a port in use is an error, not shared
  builder.SetMaxReceiveMessageSize(static_cast<int>(api.recv_msg_size));
  builder.SetMaxSendMessageSize(static_cast<int>(api.send_msg_size));
  if (is_public) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, 3 * 3600 * 1000);
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, 2 * 3600 * 1000);
  }
}

}  // namespace

base::Result<std::unique_ptr<ApiServers>> ApiServers::Start(const ApiContext& context) {
  static const bool reflection = [] {
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    return true;
  }();
  (void)reflection;

  const Config::Api& api = context.config->api;
  std::vector<Listener> listeners = {{"public", "api.grpc-public-listener", api.public_listener},
                                     {"private", "api.grpc-private-listener", api.private_listener},
                                     {"post", "api.grpc-post-listener", api.post_listener},
                                     {"tls", "api.grpc-tls-listener", api.tls_listener}};
  std::erase_if(listeners, [](const Listener& l) { return l.address.empty(); });

  // Listeners on one address share a server; TLS and plain text cannot share one. Port 0
  // means "any free port", a port of its own for each listener.
  std::map<std::string, std::vector<Listener>> by_address;
  for (const Listener& listener : listeners) {
    const bool any_port = listener.address.ends_with(":0");
    by_address[any_port ? listener.address + "/" + listener.name : listener.address].push_back(listener);
  }

  std::unique_ptr<ApiServers> servers(new ApiServers());
  servers->services_ = std::make_unique<Services>(context);
  for (const auto& [unused, group] : by_address) {
    const std::string& address = group[0].address;
    const bool tls = std::any_of(group.begin(), group.end(), [](const Listener& l) { return l.name == "tls"; });
    const bool is_public =
        std::any_of(group.begin(), group.end(), [](const Listener& l) { return l.name == "public"; });
    if (tls && group.size() > 1) {
      return base::Status::InvalidArgument(fmt::format(
          "{} and {} are both {}: the TLS listener needs an address of its own", group[0].key, group[1].key, address));
    }
    auto hp = base::ParseHostPort(address);
    if (!hp.ok()) return hp.status().WithContext(group[0].key);
    if (!tls && !base::IsLoopbackHost(hp->host)) {
      spdlog::warn(
          "unsecured grpc server is listening on a public IP address: {} ({}); anyone who reaches it "
          "can use these services",
          address, group[0].key);
    }
    std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
    if (tls) {
      auto mtls = MutualTls(api);
      if (!mtls.ok()) return mtls.status();
      credentials = *mtls;
    }

    // gRPC says only that it could not bind; a socket of our own says why, before any file or
    // port is taken. gRPC would also share a port in use (SO_REUSEPORT) unless told not to.
    auto probe = base::Listen(address, group[0].key);
    if (!probe.ok()) return probe.status();
    close(probe->fd);

    grpc::ServerBuilder builder;
    ApplyPolicy(builder, api, is_public);
    int port = 0;
    builder.AddListeningPort(address, credentials, &port);
    std::set<grpc::Service*> registered;
    for (const Listener& listener : group) {
      for (grpc::Service* service : servers->services_->For(listener.name)) {
        if (registered.insert(service).second) builder.RegisterService(service);
      }
    }
    auto server = builder.BuildAndStart();
    if (!server || port == 0) {
      return base::Status::IoError(
          fmt::format("{} {}: cannot listen", group[0].key, address));
    }
    for (const Listener& listener : group) {
      servers->addresses_[listener.name] = base::FormatHostPort(hp->host, static_cast<uint16_t>(port));
      spdlog::info("{} gRPC listener on {}{}", listener.name, servers->addresses_[listener.name], tls ? " (mTLS)" : "");
    }
    servers->servers_.push_back(std::move(server));
  }
  return servers;
}

ApiServers::~ApiServers() { Shutdown(); }

void ApiServers::Shutdown() {
  if (services_ && services_->context.posts) services_->context.posts->Close();
  const auto deadline = std::chrono::system_clock::now() + std::chrono::seconds(1);
  for (auto& server : servers_) server->Shutdown(deadline);
  for (auto& server : servers_) server->Wait();
  servers_.clear();
}

}  // namespace node
