#include "activation_setup.h"

#include <spdlog/spdlog.h>

#include "base/files.h"
#include "base/host_port.h"

namespace node {
namespace {

// "http://127.0.0.1:10010" -> "127.0.0.1:10010": where the standalone PoET listens.
base::Result<std::string> ListenAddressOf(const std::string& url) {
  std::string rest = url;
  for (const char* scheme : {"http://", "https://"}) {
    if (rest.rfind(scheme, 0) == 0) rest = rest.substr(std::string(scheme).size());
  }
  if (const size_t slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  auto parsed = base::ParseHostPort(rest);
  if (!parsed.ok()) return parsed.status().WithContext("main.poet-servers[0].address");
  return rest;
}

// A standalone PoET configured on port 0 gets a port once and keeps it (in <poet dir>/listen), so
// that registrations made before a restart still name the PoET after it.
std::string RememberedListen(const std::filesystem::path& poet_dir, const std::string& configured) {
  auto parsed = base::ParseHostPort(configured);
  if (!parsed.ok() || parsed->port != 0) return configured;
  auto remembered = base::ReadFile(poet_dir / "listen", "PoET listen address");
  if (remembered.ok() && base::ParseHostPort(*remembered).ok()) return *remembered;
  return configured;
}

int64_t UnixSeconds(LayerClock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

base::Result<std::unique_ptr<Activation>> Activation::Create(const ActivationDeps& deps,
                                                             std::vector<NamedIdentity> identities) {
  const Config& c = *deps.config;
  std::unique_ptr<Activation> a(new Activation());
  if (c.main.standalone) {
    auto listen = ListenAddressOf(c.main.poet_servers.at(0).address);
    if (!listen.ok()) return listen.status();
    poet::ServerOptions options;
    options.dir = deps.poet_dir;
    options.listen = RememberedListen(deps.poet_dir, *listen);
    options.genesis = deps.layers.genesis();
    options.epoch_duration = c.main.layer_duration * c.main.layers_per_epoch;
    options.phase_shift = c.poet.phase_shift;
    options.cycle_gap = c.poet.cycle_gap;
    options.max_leaves = c.poet.max_round_leaves;
    auto server = poet::Server::Start(options);
    if (!server.ok()) return server.status().WithContext("standalone PoET");
    a->poet_server_ = std::move(*server);
    const std::string bound = base::FormatHostPort(base::ParseHostPort(options.listen)->host, a->poet_server_->port());
    if (base::Status s = base::WriteFileAtomically(deps.poet_dir / "listen", bound); !s.ok()) return s;
    spdlog::info("standalone PoET serving at {}", a->poet_server_->url());
  }
  BuilderParts parts;
  for (const PoetServer& server : c.main.poet_servers) {
    const std::string url = a->poet_server_ ? a->poet_server_->url() : server.address;
    poet::ClientOptions options;
    options.phase_shift = c.poet.phase_shift;
    options.request_timeout = c.poet.request_timeout;
    options.retry_delay = c.poet.retry_delay;
    options.retry_max = c.poet.retry_max;
    a->poets_.push_back(std::make_unique<poet::Client>(url, options));
    parts.poets.push_back(a->poets_.back().get());
  }
  a->clock_ = std::make_unique<CycleClock>(deps.layers, c.poet.phase_shift, c.poet.cycle_gap, c.poet.grace_period);

  PostCheckParams check;
  check.verify.proof = {c.post.k1, c.post.k2, c.post.pow_difficulty};
  check.verify.scrypt_n = c.smeshing.opts.scrypt_n;
  check.verify.min_num_units = c.post.min_numunits;
  check.verify.max_num_units = c.post.max_numunits;
  check.verify.labels_per_unit = c.post.labels_per_unit;
  check.k3 = c.post.k3;
  check.workers = c.smeshing.verifying.workers;
  auto checker = PostChecker::Create(check);
  if (!checker.ok()) return checker.status();
  a->checker_ = std::move(*checker);

  BuilderConfig config;
  config.genesis_id = wire::GenesisId(UnixSeconds(deps.layers.genesis()), deps.genesis_extra_data);
  config.golden_atx = deps.golden_atx;
  config.network_hrp = c.main.network_hrp;
  config.tick_size = c.main.tick_size;
  config.min_num_units = c.post.min_numunits;
  config.max_num_units = c.post.max_numunits;
  config.labels_per_unit = c.post.labels_per_unit;
  config.layer_duration = c.main.layer_duration;
  config.poet_retry_interval = c.poet.retry_delay;
  config.poet_request_retry = c.poet.retry_delay;
  parts.clock = a->clock_.get();
  parts.store = deps.store;
  parts.prover = deps.prover;
  parts.checker = a->checker_.get();
  parts.events = deps.events;
  parts.smeshers = deps.smeshers;
  a->builder_ = std::make_unique<Builder>(config, parts, std::move(identities));
  return a;
}

Activation::~Activation() {
  builder_.reset();
  poet_server_.reset();
}

}  // namespace node
