#include "node/app/app.h"

#include <signal.h>
#include <sys/resource.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "activation_setup.h"
#include "base/files.h"
#include "logging.h"
#include "node/api/api.h"
#include "node/api/certificate.h"
#include "node/api/metrics.h"
#include "node/store/data_folder.h"
#include "node/store/identities.h"
#include "node/types/golden_atx.h"

namespace node {
namespace {

// A node holds one connection per post-service: lift the soft limit on open files to the hard
// one so that a thousand services fit (the usual soft limit is 1024).
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) spdlog::warn("could not raise the open-file limit");
}

std::string Short(const base::Hash32& id) { return base::ToHex(id).substr(0, 8); }

// Checks of the identity layout against the smeshing switches (node.md §6).
base::Status CheckSmeshingStart(const Config& config, bool supervised) {
  if (!config.smeshing.start) return base::Status::Ok();
  if (config.smeshing.coinbase.empty()) {
    return base::Status::InvalidArgument("smeshing enabled but no coinbase account provided");
  }
  if (!supervised) {
    return base::Status::InvalidArgument(
        "smeshing enabled in remote setup: smeshing-start needs exactly one identity named local.key; "
        "with post-services set smeshing.smeshing-start to false and keep the coinbase");
  }
  return base::Status::Ok();
}

// The TLS listener's CA and certificate, checked for expiry (logged, and kept for /metrics).
base::Result<std::vector<CertificateExpiry>> CheckCertificates(const Config::Api& api) {
  std::vector<CertificateExpiry> expiries;
  if (api.tls_listener.empty()) return expiries;
  if (base::Status s = CheckTlsFiles(api.tls_ca_cert, api.tls_cert, api.tls_key); !s.ok()) return s;
  for (const auto& file : {api.tls_ca_cert, api.tls_cert}) {
    auto expiry = ReadCertificateExpiry(file);
    if (!expiry.ok()) return expiry.status();
    LogCertificateExpiry(*expiry, std::chrono::system_clock::now(), std::chrono::hours(24 * 14));
    expiries.push_back(*expiry);
  }
  return expiries;
}

// <data>/api.json: where each listener ended up (ports may be chosen by the kernel), for
// scripts and post-services started next to the node.
base::Status WriteApiAddresses(const DataFolder& folder, const ApiServers& servers, const MetricsServer* metrics,
                               const std::string& poet_url) {
  nlohmann::json addresses(servers.addresses());
  if (metrics) addresses["metrics"] = metrics->address();
  if (!poet_url.empty()) addresses["poet"] = poet_url;
  return base::WriteFileAtomically(folder.root() / "api.json", addresses.dump(2) + "\n");
}

class Node {
 public:
  explicit Node(const Config& config) : config_(config) {}

  base::Status Start() {
    auto folder = DataFolder::Open(config_.main.data_folder, config_.main.filelock);
    if (!folder.ok()) return folder.status();
    folder_ = std::move(*folder);

    auto genesis = folder_->BindGenesis({config_.genesis.genesis_time, config_.genesis.extra_data});
    if (!genesis.ok()) return genesis.status();
    auto genesis_time = ParseRfc3339(genesis->time);
    if (!genesis_time.ok()) return genesis_time.status().WithContext("genesis.genesis-time");
    clock_ = std::make_unique<LayerClock>(*genesis_time, config_.main.layer_duration, config_.main.layers_per_epoch);

    auto identities = LoadIdentities(folder_->identities_dir());
    if (!identities.ok()) return identities.status().WithContext(folder_->identities_dir().string());
    const bool supervised = IsSupervised(*identities);
    if (auto status = CheckSmeshingStart(config_, supervised); !status.ok()) return status;
    for (const NamedIdentity& identity : *identities) {
      if (identity.world_readable) {
        spdlog::warn("[{}] key file {} can be read by other users; chmod 600 it", Short(identity.node_id()),
                     identity.name);
      }
    }

    // The TLS files before anything binds or opens: a mistake there is named, not a bind failure.
    auto certificates = CheckCertificates(config_.api);
    if (!certificates.ok()) return certificates.status();

    auto store = StateStore::Open(folder_->state_dir());
    if (!store.ok()) return store.status();
    store_ = std::move(*store);

    smeshers_ = std::make_unique<Smeshers>(*identities, supervised);
    if (!config_.smeshing.coinbase.empty()) {
      smeshers_->set_coinbase(config_.smeshing.coinbase);
      smeshers_->set_started(true);
      smeshers_->set_connections_allowed(true);
    } else {
      spdlog::warn(
          "coinbase account is not set, connections from remote post services will be rejected "
          "(set smeshing.smeshing-coinbase)");
    }
    posts_ = std::make_unique<PostConnections>(
        smeshers_.get(), &events_,
        PostStreamPolicy{config_.post.min_numunits, config_.post.max_numunits, config_.post.labels_per_unit,
                         config_.api.post_handshake_timeout});
    const base::Hash32 golden_atx = GoldenAtx(*genesis_time, genesis->extra_data);
    auto activation = Activation::Create({&config_, *clock_, genesis->extra_data, golden_atx, folder_->root() / "poet",
                                          store_.get(), posts_.get(), &events_, smeshers_.get()},
                                         *identities);
    if (!activation.ok()) return activation.status();
    activation_ = std::move(*activation);

    context_.config = &config_;
    context_.clock = clock_.get();
    context_.store = store_.get();
    context_.smeshers = smeshers_.get();
    context_.events = &events_;
    context_.posts = posts_.get();
    context_.builder = activation_->builder();
    context_.golden_atx = golden_atx;
    context_.version = NODE_VERSION;
    auto servers = ApiServers::Start(context_);
    if (!servers.ok()) return servers.status();
    servers_ = std::move(*servers);
    if (config_.main.metrics) {
      auto metrics = MetricsServer::Start(config_.main.metrics_listener, smeshers_.get(), posts_.get(),
                                          {NODE_VERSION, *certificates});
      if (!metrics.ok()) return metrics.status();
      metrics_ = std::move(*metrics);
    }
    if (auto status = WriteApiAddresses(*folder_, *servers_, metrics_.get(), activation_->poet_url()); !status.ok())
      return status;

    spdlog::info("spacemesh-node {} ready: data folder {}, genesis {}, layer {} (epoch {}), {} identit{} ({} mode)",
                 NODE_VERSION, folder_->root().string(), genesis->time, clock_->CurrentLayer(), clock_->CurrentEpoch(),
                 identities->size(), identities->size() == 1 ? "y" : "ies", supervised ? "supervised" : "remote");
    for (const NamedIdentity& identity : *identities) {
      spdlog::info("[{}] identity {} ({})", Short(identity.node_id()), identity.name, base::ToHex(identity.node_id()));
    }
    if (smeshers_->started()) activation_->builder()->Start();
    return base::Status::Ok();
  }

  // Stops in the reverse order of Start: API first (streams end), then state and the folder.
  void Stop() {
    activation_.reset();  // the cycles end before the connections they ask for proofs
    metrics_.reset();
    if (servers_) servers_->Shutdown();
    servers_.reset();
    posts_.reset();
    store_.reset();
    folder_.reset();
  }

 private:
  const Config& config_;
  std::unique_ptr<DataFolder> folder_;
  std::unique_ptr<LayerClock> clock_;
  std::unique_ptr<StateStore> store_;
  std::unique_ptr<Smeshers> smeshers_;
  EventBus events_;
  std::unique_ptr<PostConnections> posts_;
  std::unique_ptr<Activation> activation_;
  ApiContext context_;
  std::unique_ptr<ApiServers> servers_;
  std::unique_ptr<MetricsServer> metrics_;
};

}  // namespace

int RunNode(const Config& config) {
  // Block the stop signals before any thread exists, so that only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  SetupLogging(config.log_level);
  RaiseOpenFileLimit();
  if (!config.ignored_keys.empty()) {
    spdlog::warn("config keys not used by this node, ignored: {}", fmt::join(config.ignored_keys, ", "));
  }

  Node node(config);
  if (auto status = node.Start(); !status.ok()) {
    spdlog::error("cannot start: {}", status.message());
    node.Stop();
    return 1;
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("stopping ({})", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  node.Stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace node
