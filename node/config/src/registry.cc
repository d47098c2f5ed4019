#include "registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <vector>

#include "base/host_port.h"
#include "node/config/duration.h"

namespace node::config_internal {
namespace {

using base::Status;

// Readers and writers per field type; the writers give what the readers take back.
Status Read(const Json& v, bool* out) { return ToBool(v, out); }
Status Read(const Json& v, uint32_t* out) { return ToUint(v, out); }
Status Read(const Json& v, uint64_t* out) { return ToUint(v, out); }
Status Read(const Json& v, std::string* out) { return ToText(v, out); }
Status Read(const Json& v, std::filesystem::path* out) { return ToPath(v, out); }
Status Read(const Json& v, Duration* out) { return ToDuration(v, out); }
Status Read(const Json& v, base::Hash32* out) { return ToHash32(v, out); }

// Unset by null or "" (the reference's PostProviderID), else a uint32 (4294967295 is the CPU).
Status Read(const Json& v, std::optional<uint32_t>* out) {
  if (v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty())) {
    out->reset();
    return Status::Ok();
  }
  uint32_t id = 0;
  Status s = ToUint(v, &id);
  if (s.ok()) *out = id;
  return s;
}

// [{"address": "https://...", "pubkey": "<base64 ed25519 key>"}, ...]; keys in any case. From the
// flag: comma-separated URLs without keys.
Status Read(const Json& v, std::vector<PoetServer>* out) {
  if (v.is_string()) {
    std::vector<PoetServer> servers;
    std::string_view rest = v.get_ref<const std::string&>();
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      servers.push_back({std::string(rest.substr(0, comma)), ""});
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    *out = std::move(servers);
    return Status::Ok();
  }
  if (!v.is_array()) return Status::InvalidArgument("expected a list of {address, pubkey}, got " + Describe(v));
  std::vector<PoetServer> servers;
  for (size_t i = 0; i < v.size(); ++i) {
    const Json& entry = v[i];
    if (!entry.is_object()) {
      return Status::InvalidArgument(fmt::format("[{}]: expected {{address, pubkey}}, got {}", i, Describe(entry)));
    }
    PoetServer server;
    for (const auto& [name, value] : entry.items()) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      Status s = lower == "address"  ? ToText(value, &server.address)
                 : lower == "pubkey" ? ToText(value, &server.pubkey)
                                     : Status::InvalidArgument("unknown key");
      if (!s.ok()) return s.WithContext(fmt::format("[{}].{}", i, name));
    }
    if (!server.pubkey.empty()) {
      auto key = base::FromBase64(server.pubkey);
      if (!key || key->size() != 32) {
        return Status::InvalidArgument(
            fmt::format("[{}].pubkey: expected a base64 ed25519 public key (32 bytes), got \"{}\"", i, server.pubkey));
      }
    }
    servers.push_back(std::move(server));
  }
  *out = std::move(servers);
  return Status::Ok();
}

Json Write(bool v) { return v; }
Json Write(uint32_t v) { return v; }
Json Write(uint64_t v) { return v; }
Json Write(const std::string& v) { return v; }
Json Write(const std::filesystem::path& v) { return v.string(); }
Json Write(Duration v) { return FormatDuration(v); }
Json Write(const base::Hash32& v) { return base::ToHex(v); }
Json Write(const std::optional<uint32_t>& v) { return v ? Json(*v) : Json(""); }
Json Write(const std::vector<PoetServer>& servers) {
  Json out = Json::array();
  for (const PoetServer& s : servers) out.push_back({{"address", s.address}, {"pubkey", s.pubkey}});
  return out;
}

// A field stored in the Config member that `ref` returns; `ref` is generic, so the one accessor
// serves the setter (Config&) and the getter (const Config&).
template <typename Ref>
Field F(std::string key, std::string flag, std::string help, Ref ref) {
  using T = std::remove_reference_t<decltype(ref(std::declval<Config&>()))>;
  return Field{std::move(key),
               std::move(flag),
               std::move(help),
               std::is_same_v<T, bool>,
               [ref](Config& c, const Json& v) { return Read(v, &ref(c)); },
               [ref](const Config& c) { return Write(ref(c)); }};
}

#define MEMBER(path) \
  [](auto& c) -> auto& { return c.path; }  // the accessor F takes

// main.metrics-port: the reference has only a port; it sets the port of main.metrics-listener
// and keeps its host (127.0.0.1 when the listener is unset).
Field MetricsPort() {
  return Field{"main.metrics-port",
               "--metrics-port",
               "port of the metrics listener (host kept, default 127.0.0.1)",
               false,
               [](Config& c, const Json& v) {
                 uint16_t port = 0;
                 Status s = ToUint(v, &port);
                 if (!s.ok()) return s;
                 auto current = base::ParseHostPort(c.main.metrics_listener);
                 c.main.metrics_listener = base::FormatHostPort(current.ok() ? current->host : "127.0.0.1", port);
                 return Status::Ok();
               },
               [](const Config& c) {
                 auto current = base::ParseHostPort(c.main.metrics_listener);
                 return Json(current.ok() ? current->port : 0);
               }};
}

std::vector<Field> MakeFields() {
  return {
      F("main.data-folder", "-d,--data-folder", "node data folder", MEMBER(main.data_folder)),
      F("main.filelock", "--filelock", "extra lock file (the data folder is always locked)", MEMBER(main.filelock)),
      F("main.standalone", "--standalone", "run a network of its own (local PoET, own clock)", MEMBER(main.standalone)),
      F("main.layer-duration", "--layer-duration", "duration of a layer", MEMBER(main.layer_duration)),
      F("main.layers-per-epoch", "--layers-per-epoch", "layers per epoch", MEMBER(main.layers_per_epoch)),
      F("main.tick-size", "--tick-size", "PoET ticks per unit of weight", MEMBER(main.tick_size)),
      F("main.poet-servers", "--poet-servers", "PoET URLs, comma-separated (standalone: where its PoET listens)",
        MEMBER(main.poet_servers)),
      F("main.network-hrp", "--network-hrp", "bech32 prefix of account addresses", MEMBER(main.network_hrp)),
      F("main.metrics", "--metrics", "serve Prometheus metrics", MEMBER(main.metrics)),
      F("main.metrics-listener", "--metrics-listener", "host:port of the metrics server",
        MEMBER(main.metrics_listener)),
      MetricsPort(),
      F("genesis.genesis-time", "--genesis-time", "genesis time (RFC 3339)", MEMBER(genesis.genesis_time)),
      F("genesis.genesis-extra-data", "--genesis-extra-data", "genesis extra data", MEMBER(genesis.extra_data)),
      F("api.grpc-public-listener", "--grpc-public-listener", "host:port of the public gRPC services",
        MEMBER(api.public_listener)),
      F("api.grpc-private-listener", "--grpc-private-listener", "host:port of the private gRPC services",
        MEMBER(api.private_listener)),
      F("api.grpc-post-listener", "--grpc-post-listener", "host:port for post-services (empty: off)",
        MEMBER(api.post_listener)),
      F("api.grpc-tls-listener", "--grpc-tls-listener", "host:port for post-services over mTLS (empty: off)",
        MEMBER(api.tls_listener)),
      F("api.grpc-tls-ca-cert", "--grpc-tls-ca-cert,--gprc-tls-ca-cert", "CA certificate of the mTLS clients",
        MEMBER(api.tls_ca_cert)),
      F("api.grpc-tls-cert", "--grpc-tls-cert", "certificate of the mTLS listener", MEMBER(api.tls_cert)),
      F("api.grpc-tls-key", "--grpc-tls-key", "private key of the mTLS listener", MEMBER(api.tls_key)),
      F("api.grpc-send-msg-size", "--grpc-send-msg-size", "largest gRPC message sent (bytes)",
        MEMBER(api.send_msg_size)),
      F("api.grpc-recv-msg-size", "--grpc-recv-msg-size", "largest gRPC message received (bytes)",
        MEMBER(api.recv_msg_size)),
      F("api.smesherstreaminterval", "", "", MEMBER(api.smesher_stream_interval)),
      F("api.grpc-post-handshake-timeout", "--grpc-post-handshake-timeout",
        "time a post-service stream has to send its metadata before it is closed", MEMBER(api.post_handshake_timeout)),
      F("post.post-min-numunits", "--post-min-numunits", "fewest space units an identity may have",
        MEMBER(post.min_numunits)),
      F("post.post-max-numunits", "--post-max-numunits", "most space units an identity may have",
        MEMBER(post.max_numunits)),
      F("post.post-labels-per-unit", "--post-labels-per-unit", "labels per space unit", MEMBER(post.labels_per_unit)),
      F("post.post-k1", "--post-k1", "PoST k1", MEMBER(post.k1)),
      F("post.post-k2", "--post-k2", "PoST k2 (labels per proof)", MEMBER(post.k2)),
      F("post.post-k3", "--post-k3", "PoST k3 (labels verified per proof)", MEMBER(post.k3)),
      F("post.post-pow-difficulty", "--post-pow-difficulty", "k2pow difficulty (64 hex)", MEMBER(post.pow_difficulty)),
      F("poet.phase-shift", "", "", MEMBER(poet.phase_shift)),
      F("poet.cycle-gap", "", "", MEMBER(poet.cycle_gap)),
      F("poet.grace-period", "", "", MEMBER(poet.grace_period)),
      F("poet.poet-request-timeout", "", "", MEMBER(poet.request_timeout)),
      F("poet.retry-delay", "", "", MEMBER(poet.retry_delay)),
      F("poet.retry-max", "", "", MEMBER(poet.retry_max)),
      F("poet.positioning-atx-selection-timeout", "", "", MEMBER(poet.positioning_atx_selection_timeout)),
      F("poet.max-round-leaves", "--poet-max-round-leaves",
        "leaves per round of the standalone PoET at most (0: as many as the round's time allows)",
        MEMBER(poet.max_round_leaves)),
      F("smeshing.smeshing-start", "--smeshing-start", "start smeshing with the supervised identity",
        MEMBER(smeshing.start)),
      F("smeshing.smeshing-coinbase", "--smeshing-coinbase", "coinbase account (bech32)", MEMBER(smeshing.coinbase)),
      F("smeshing.smeshing-opts.smeshing-opts-datadir", "--smeshing-opts-datadir", "PoST data directory",
        MEMBER(smeshing.opts.datadir)),
      F("smeshing.smeshing-opts.smeshing-opts-numunits", "--smeshing-opts-numunits", "space units to initialize",
        MEMBER(smeshing.opts.numunits)),
      F("smeshing.smeshing-opts.smeshing-opts-maxfilesize", "--smeshing-opts-maxfilesize", "bytes per PoST data file",
        MEMBER(smeshing.opts.maxfilesize)),
      F("smeshing.smeshing-opts.smeshing-opts-provider", "--smeshing-opts-provider",
        "initialization provider id (4294967295: CPU)", MEMBER(smeshing.opts.provider)),
      F("smeshing.smeshing-opts.smeshing-opts-throttle", "--smeshing-opts-throttle", "throttle initialization",
        MEMBER(smeshing.opts.throttle)),
      F("smeshing.smeshing-opts.smeshing-opts-scrypt.n", "", "", MEMBER(smeshing.opts.scrypt_n)),
      F("smeshing.smeshing-opts.smeshing-opts-scrypt.r", "", "", MEMBER(smeshing.opts.scrypt_r)),
      F("smeshing.smeshing-opts.smeshing-opts-scrypt.p", "", "", MEMBER(smeshing.opts.scrypt_p)),
      F("smeshing.smeshing-opts.smeshing-opts-compute-batch-size", "--smeshing-opts-compute-batch-size",
        "labels per initialization batch", MEMBER(smeshing.opts.compute_batch_size)),
      F("smeshing.smeshing-proving-opts.smeshing-opts-proving-threads", "--smeshing-opts-proving-threads",
        "proving threads (0: all cores)", MEMBER(smeshing.proving.threads)),
      F("smeshing.smeshing-proving-opts.smeshing-opts-proving-nonces", "--smeshing-opts-proving-nonces",
        "nonces per proving pass (multiple of 16)", MEMBER(smeshing.proving.nonces)),
      F("smeshing.smeshing-proving-opts.smeshing-opts-proving-randomx-mode", "--smeshing-opts-proving-randomx-mode",
        "RandomX mode for k2pow: fast or light", MEMBER(smeshing.proving.randomx_mode)),
      F("smeshing.smeshing-verifying-opts.smeshing-opts-verifying-disable", "--smeshing-opts-verifying-disable",
        "do not verify PoST proofs", MEMBER(smeshing.verifying.disable)),
      F("smeshing.smeshing-verifying-opts.smeshing-opts-verifying-workers", "--smeshing-opts-verifying-workers",
        "proof verifying workers", MEMBER(smeshing.verifying.workers)),
      F("smeshing.smeshing-verifying-opts.smeshing-opts-verifying-min-workers", "--smeshing-opts-verifying-min-workers",
        "verifying workers kept while proving", MEMBER(smeshing.verifying.min_workers)),
      F("logging.level", "--log-level", "log level: trace, debug, info, warn or error", MEMBER(log_level)),
  };
}

#undef MEMBER

// Reference keys (go-spacemesh config/config.go and the structs it embeds) inside the sections
// this node reads, that it accepts and does not use.
constexpr std::array kIgnoredKeys = {
    "main.testing",
    "main.config",
    "main.profiler-name",
    "main.profiler-url",
    "main.layer-average-size",
    "main.poet-server",
    "main.pprof-server",
    "main.pprof-listener",
    "main.txs-per-proposal",
    "main.block-gas-limit",
    "main.optimistic-filtering-threshold",
    "main.db-connections",
    "main.db-latency-metering",
    "main.db-size-metering-interval",
    "main.db-prune-interval",
    "main.db-vacuum-state",
    "main.db-skip-migrations",
    "main.db-query-cache",
    "main.db-query-cache-sizes",
    "main.prune-activesets-from",
    "main.scan-malfeasant-atxs",
    "main.miner-good-atxs-percent",
    "main.regossip-atx-interval",
    "main.atx-grade-delay",
    "main.post-valid-delay",
    "main.no-main-override",
    "main.atx-versions",
    "genesis.accounts",
    "api.grpc-public-services",
    "api.grpc-private-services",
    "api.grpc-post-services",
    "api.publicservices",
    "api.privateservices",
    "api.postservices",
    "api.grpc-tls-services",
    "api.grpc-json-listener",
    "api.grpc-cors-allowed-origins",
    "api.db-connections",
    "poet.info-cache-ttl",
    "poet.certifier-info-cache-ttl",
    "poet.pow-params-cache-ttl",
    "poet.poet-proofs-cache",
    "smeshing.smeshing-verifying-opts.smeshing-opts-verifying-powflags",
};

// Reference sections of parts this node does not have; `logging` holds the per-module levels
// next to our own logging.level.
constexpr std::array kIgnoredSections = {
    "p2p",
    "logging",
    "public-metrics",
    "tortoise",
    "hare",
    "hare3",
    "hare-eligibility",
    "certificate",
    "beacon",
    "time",
    "timesync",
    "vm",
    "fetch",
    "bootstrap",
    "sync",
    "syncer",
    "recovery",
    "cache",
    "active-set-preparation",
    "postservice",
};

}  // namespace

std::span<const Field> Fields() {
  static const std::vector<Field> fields = MakeFields();
  return fields;
}

const Field* FindField(std::string_view key) {
  for (const Field& f : Fields()) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string FlagName(const Field& field) {
  const size_t start = field.flag.find("--");
  if (start == std::string::npos) return field.key;
  return field.flag.substr(start, field.flag.find(',', start) - start);
}

bool IsSection(std::string_view key) {
  const std::string prefix = std::string(key) + ".";
  return std::any_of(Fields().begin(), Fields().end(), [&](const Field& f) { return f.key.starts_with(prefix); });
}

bool IsIgnoredKey(std::string_view key) {
  return std::find(kIgnoredKeys.begin(), kIgnoredKeys.end(), key) != kIgnoredKeys.end();
}

bool IsIgnoredSection(std::string_view key) {
  return std::find(kIgnoredSections.begin(), kIgnoredSections.end(), key) != kIgnoredSections.end();
}

}  // namespace node::config_internal
