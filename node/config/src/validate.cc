// ValidateConfig: rules between keys and on values; every message names the key path.
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <tuple>

#include "base/host_port.h"
#include "node/config/config.h"
#include "node/config/duration.h"
#include "node/types/address.h"
#include "post/prove.h"
#include "values.h"

namespace node {
namespace {

using base::Status;

Status Invalid(const std::string& message) { return Status::InvalidArgument(message); }

// "2023-07-14T08:00:00Z", "2023-07-14T10:00:00.5+02:00" (Go's time.RFC3339 layout).
bool IsRfc3339(const std::string& s) {
  auto digits = [&](size_t pos, size_t n, int lo, int hi) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi;
  };
  auto at = [&](size_t pos, const char* chars) {
    return pos < s.size() && std::string_view(chars).find(s[pos]) != std::string_view::npos;
  };
  if (!(digits(0, 4, 0, 9999) && at(4, "-") && digits(5, 2, 1, 12) && at(7, "-") && digits(8, 2, 1, 31) &&
        at(10, "Tt") && digits(11, 2, 0, 23) && at(13, ":") && digits(14, 2, 0, 59) && at(16, ":") &&
        digits(17, 2, 0, 60))) {
    return false;
  }
  size_t pos = 19;
  if (at(pos, ".")) {
    const size_t start = ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos == start) return false;
  }
  if (at(pos, "Zz")) return pos + 1 == s.size();
  return at(pos, "+-") && digits(pos + 1, 2, 0, 23) && at(pos + 3, ":") && digits(pos + 4, 2, 0, 59) &&
         pos + 6 == s.size();
}

Status CheckListener(const std::string& key, const std::string& value, bool may_be_empty) {
  if (value.empty()) return may_be_empty ? Status::Ok() : Invalid(key + ": must be set (host:port)");
  auto parsed = base::ParseHostPort(value);
  return parsed.ok() ? Status::Ok() : parsed.status().WithContext(key);
}

Status CheckMain(const Config& c) {
  const auto& m = c.main;
  if (m.data_folder.empty()) return Invalid("main.data-folder: must be set");
  if (m.layer_duration <= Duration::zero()) return Invalid("main.layer-duration: must be positive");
  if (m.layers_per_epoch == 0) return Invalid("main.layers-per-epoch: must be positive");
  if (m.tick_size == 0) return Invalid("main.tick-size: must be positive");
  if (m.network_hrp.empty()) return Invalid("main.network-hrp: must be set");
  for (char ch : m.network_hrp) {
    if (ch < 33 || ch > 126 || std::isupper(static_cast<unsigned char>(ch))) {
      return Invalid(fmt::format("main.network-hrp: \"{}\" must be printable ASCII in lower case", m.network_hrp));
    }
  }
  if (m.standalone && m.poet_servers.size() != 1) {
    return Invalid("main.poet-servers: main.standalone needs exactly one entry (the address of the local PoET)");
  }
  if (m.poet_servers.empty()) return Invalid("main.poet-servers: needs at least one PoET server");
  for (size_t i = 0; i < m.poet_servers.size(); ++i) {
    const std::string& address = m.poet_servers[i].address;
    if (!address.starts_with("http://") && !address.starts_with("https://")) {
      return Invalid(
          fmt::format("main.poet-servers[{}].address: expected an http:// or https:// URL, got \"{}\"", i, address));
    }
  }
  Status s = CheckListener("main.metrics-listener", m.metrics_listener, !m.metrics);
  if (!s.ok()) return s;
  if (!c.genesis.genesis_time.empty() && !IsRfc3339(c.genesis.genesis_time)) {
    return Invalid(fmt::format("genesis.genesis-time: expected RFC 3339 (2023-07-14T08:00:00Z), got \"{}\"",
                               c.genesis.genesis_time));
  }
  if (c.genesis.genesis_time.empty() && !m.standalone) {
    return Invalid("genesis.genesis-time: must be set unless main.standalone");
  }
  if (c.genesis.extra_data.empty() || c.genesis.extra_data.size() > 255) {
    return Invalid("genesis.genesis-extra-data: must be 1 to 255 bytes");
  }
  return Status::Ok();
}

Status CheckApi(const Config::Api& a) {
  for (auto [key, value, may_be_empty] : std::array<std::tuple<const char*, const std::string*, bool>, 4>{{
           {"api.grpc-public-listener", &a.public_listener, false},
           {"api.grpc-private-listener", &a.private_listener, false},
           {"api.grpc-post-listener", &a.post_listener, true},
           {"api.grpc-tls-listener", &a.tls_listener, true},
       }}) {
    Status s = CheckListener(key, *value, may_be_empty);
    if (!s.ok()) return s;
  }
  if (!a.tls_listener.empty() && (a.tls_ca_cert.empty() || a.tls_cert.empty() || a.tls_key.empty())) {
    return Invalid("api.grpc-tls-listener: needs api.grpc-tls-ca-cert, api.grpc-tls-cert and api.grpc-tls-key");
  }
  if (a.send_msg_size == 0) return Invalid("api.grpc-send-msg-size: must be positive");
  if (a.recv_msg_size == 0) return Invalid("api.grpc-recv-msg-size: must be positive");
  if (a.smesher_stream_interval <= Duration::zero()) return Invalid("api.smesherstreaminterval: must be positive");
  if (a.post_handshake_timeout <= Duration::zero()) return Invalid("api.grpc-post-handshake-timeout: must be positive");
  return Status::Ok();
}

Status CheckPost(const Config::Post& p) {
  if (p.min_numunits == 0) return Invalid("post.post-min-numunits: must be positive");
  if (p.min_numunits > p.max_numunits) {
    return Invalid(fmt::format("post.post-min-numunits: {} is larger than post.post-max-numunits {}", p.min_numunits,
                               p.max_numunits));
  }
  if (p.labels_per_unit == 0) return Invalid("post.post-labels-per-unit: must be positive");
  if (p.k1 == 0) return Invalid("post.post-k1: must be positive");
  if (p.k2 == 0) return Invalid("post.post-k2: must be positive");
  if (p.k3 == 0 || p.k3 > p.k2) return Invalid(fmt::format("post.post-k3: must be 1 to post.post-k2 ({})", p.k2));
  // The proving difficulty 2^64 * k1 / labels needs more labels than k1 (post.md §4).
  const unsigned __int128 min_labels = static_cast<unsigned __int128>(p.labels_per_unit) * p.min_numunits;
  if (p.k1 >= min_labels) {
    return Invalid(
        fmt::format("post.post-k1: {} must be below the labels of the smallest identity "
                    "(post.post-labels-per-unit × post.post-min-numunits)",
                    p.k1));
  }
  return Status::Ok();
}

Status CheckPoet(const Config& c) {
  const auto& p = c.poet;
  for (auto [key, value] : std::array<std::pair<const char*, Duration>, 5>{{
           {"poet.cycle-gap", p.cycle_gap},
           {"poet.grace-period", p.grace_period},
           {"poet.poet-request-timeout", p.request_timeout},
           {"poet.retry-delay", p.retry_delay},
           {"poet.positioning-atx-selection-timeout", p.positioning_atx_selection_timeout},
       }}) {
    if (value <= Duration::zero()) return Invalid(std::string(key) + ": must be positive");
  }
  const Duration epoch = c.main.layer_duration * c.main.layers_per_epoch;
  if (p.cycle_gap >= epoch) {
    return Invalid(
        fmt::format("poet.cycle-gap: {} must be shorter than an epoch ({} = main.layer-duration × "
                    "main.layers-per-epoch)",
                    FormatDuration(p.cycle_gap), FormatDuration(epoch)));
  }
  if (p.positioning_atx_selection_timeout >= p.grace_period) {
    return Invalid("poet.positioning-atx-selection-timeout: must be shorter than poet.grace-period");
  }
  if (p.max_round_leaves != 0 && p.max_round_leaves < 150) {
    return Invalid(fmt::format("poet.max-round-leaves: {} is below the 150 leaves a PoET proof needs (0: no cap)",
                               p.max_round_leaves));
  }

  return Status::Ok();
}

Status CheckSmeshing(const Config& c) {
  const auto& s = c.smeshing;
  if (!s.coinbase.empty()) {
    auto address = ParseAddress(s.coinbase, c.main.network_hrp);
    if (!address.ok()) return address.status().WithContext("smeshing.smeshing-coinbase");
  } else if (s.start) {
    return Invalid("smeshing.smeshing-coinbase: must be set when smeshing.smeshing-start is true");
  }
  if (s.start && (s.opts.numunits < c.post.min_numunits || s.opts.numunits > c.post.max_numunits)) {
    return Invalid(
        fmt::format("smeshing.smeshing-opts.smeshing-opts-numunits: {} is outside post.post-min-numunits "
                    "to post.post-max-numunits ({} to {})",
                    s.opts.numunits, c.post.min_numunits, c.post.max_numunits));
  }
  if (s.opts.maxfilesize == 0) return Invalid("smeshing.smeshing-opts.smeshing-opts-maxfilesize: must be positive");
  const uint32_t n = s.opts.scrypt_n;
  if (n < 2 || (n & (n - 1)) != 0) {
    return Invalid(
        fmt::format("smeshing.smeshing-opts.smeshing-opts-scrypt.n: must be a power of two of at least 2, "
                    "got {}",
                    n));
  }
  if (s.opts.scrypt_r != 1 || s.opts.scrypt_p != 1) {
    return Invalid("smeshing.smeshing-opts.smeshing-opts-scrypt: only r = 1 and p = 1 are supported");
  }
  const uint32_t nonces = s.proving.nonces;
  if (nonces == 0 || nonces % 16 != 0 || nonces > post::kMaxNonces) {
    return Invalid(
        fmt::format("smeshing.smeshing-proving-opts.smeshing-opts-proving-nonces: must be a multiple of "
                    "16 from 16 to {}, got {}",
                    post::kMaxNonces, nonces));
  }
  if (s.proving.randomx_mode != "fast" && s.proving.randomx_mode != "light") {
    return Invalid(
        fmt::format("smeshing.smeshing-proving-opts.smeshing-opts-proving-randomx-mode: expected fast or "
                    "light, got \"{}\"",
                    s.proving.randomx_mode));
  }
  return Status::Ok();
}

Status CheckLogLevel(const std::string& level) {
  for (const char* known : {"trace", "debug", "info", "warn", "error"}) {
    if (level == known) return Status::Ok();
  }
  return Invalid(fmt::format("logging.level: expected trace, debug, info, warn or error, got \"{}\"", level));
}

}  // namespace

Status ValidateConfig(const Config& config) {
  for (Status s : {CheckMain(config), CheckApi(config.api), CheckPost(config.post), CheckPoet(config),
                   CheckSmeshing(config), CheckLogLevel(config.log_level)}) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace node
