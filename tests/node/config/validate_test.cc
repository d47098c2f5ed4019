#include <catch2/catch.hpp>

#include <functional>

#include "node/config/config.h"

namespace node {
namespace {

using namespace std::chrono_literals;

// Applies `change` to the standalone preset and returns ValidateConfig's message ("" if valid).
std::string Check(const std::function<void(Config&)>& change) {
  Config c = *Preset("standalone");
  change(c);
  base::Status s = ValidateConfig(c);
  if (!s.ok()) CHECK(s.code() == base::Status::Code::kInvalidArgument);
  return s.ok() ? "" : s.message();
}

TEST_CASE("ValidateConfig rejects bad combinations, naming the key", "[validate]") {
  const std::vector<std::pair<std::function<void(Config&)>, std::string>> cases = {
      {[](Config& c) { c.post.min_numunits = 40; }, "post.post-min-numunits: 40 is larger than"},
      {[](Config& c) { c.post.min_numunits = 0; }, "post.post-min-numunits: must be positive"},
      {[](Config& c) { c.post.k1 = 0; }, "post.post-k1: must be positive"},
      {[](Config& c) { c.post.k2 = 0; }, "post.post-k2: must be positive"},
      {[](Config& c) { c.post.k3 = 0; }, "post.post-k3"},
      {[](Config& c) { c.post.k3 = 21; }, "post.post-k3"},
      {[](Config& c) { c.post.labels_per_unit = 0; }, "post.post-labels-per-unit: must be positive"},
      {[](Config& c) { c.post.k1 = 1024; }, "post.post-k1: 1024 must be below the labels"},
      {[](Config& c) { c.smeshing.opts.scrypt_n = 12; }, "smeshing-opts-scrypt.n: must be a power of two"},
      {[](Config& c) { c.smeshing.opts.scrypt_n = 1; }, "smeshing-opts-scrypt.n: must be a power of two"},
      {[](Config& c) { c.smeshing.opts.scrypt_r = 2; }, "smeshing-opts-scrypt: only r = 1 and p = 1"},
      {[](Config& c) { c.smeshing.opts.scrypt_p = 8; }, "smeshing-opts-scrypt: only r = 1 and p = 1"},
      {[](Config& c) { c.smeshing.proving.nonces = 20; }, "smeshing-opts-proving-nonces: must be a multiple of 16"},
      {[](Config& c) { c.smeshing.proving.nonces = 0; }, "smeshing-opts-proving-nonces"},
      {[](Config& c) { c.smeshing.proving.nonces = 4112; }, "smeshing-opts-proving-nonces"},
      {[](Config& c) { c.smeshing.proving.randomx_mode = "medium"; }, "smeshing-opts-proving-randomx-mode"},
      {[](Config& c) { c.api.tls_listener = "127.0.0.1:9000"; }, "api.grpc-tls-listener: needs"},
      {[](Config& c) {
         c.api.tls_listener = "127.0.0.1:9000";
         c.api.tls_ca_cert = c.api.tls_cert = "x.pem";
       },
       "api.grpc-tls-listener: needs"},
      {[](Config& c) { c.smeshing.coinbase = "sm1qqqqqq99r0r6nrkfyglxgpgvp6nun88xre08k4sz2gk45"; },
       "smeshing.smeshing-coinbase: invalid address"},
      {[](Config& c) {
         c.smeshing.coinbase = "";
         c.smeshing.start = true;
       },
       "smeshing.smeshing-coinbase: must be set"},
      {[](Config& c) {
         c.smeshing.start = true;
         c.smeshing.opts.numunits = 33;
       },
       "smeshing-opts-numunits: 33 is outside"},
      {[](Config& c) { c.main.layer_duration = 0s; }, "main.layer-duration: must be positive"},
      {[](Config& c) { c.main.layers_per_epoch = 0; }, "main.layers-per-epoch: must be positive"},
      {[](Config& c) { c.poet.cycle_gap = 0s; }, "poet.cycle-gap: must be positive"},
      {[](Config& c) { c.poet.cycle_gap = 60s; }, "poet.cycle-gap: 1m0s must be shorter than an epoch (1m0s"},
      {[](Config& c) { c.poet.grace_period = 0s; }, "poet.grace-period: must be positive"},
      {[](Config& c) { c.poet.positioning_atx_selection_timeout = 12s; }, "poet.positioning-atx-selection-timeout"},
      {[](Config& c) { c.poet.request_timeout = 0s; }, "poet.poet-request-timeout: must be positive"},
      {[](Config& c) { c.api.public_listener = "localhost"; }, "api.grpc-public-listener: invalid address"},
      {[](Config& c) { c.api.private_listener = ""; }, "api.grpc-private-listener: must be set"},
      {[](Config& c) { c.api.post_listener = "127.0.0.1:99999"; }, "api.grpc-post-listener: invalid address"},
      {[](Config& c) { c.api.post_listener = ":9000"; }, "api.grpc-post-listener: invalid address"},
      {[](Config& c) { c.main.metrics_listener = "nope"; }, "main.metrics-listener: invalid address"},
      {[](Config& c) { c.main.network_hrp = "SM"; }, "main.network-hrp"},
      {[](Config& c) { c.main.poet_servers.clear(); }, "main.poet-servers: main.standalone needs exactly one"},
      {[](Config& c) { c.main.poet_servers[0].address = "127.0.0.1:10010"; }, "main.poet-servers[0].address"},
      {[](Config& c) { c.genesis.genesis_time = "yesterday"; }, "genesis.genesis-time: expected RFC 3339"},
      {[](Config& c) { c.main.standalone = false; }, "genesis.genesis-time: must be set unless main.standalone"},
      {[](Config& c) { c.genesis.extra_data = ""; }, "genesis.genesis-extra-data"},
      {[](Config& c) { c.main.data_folder = ""; }, "main.data-folder: must be set"},
      {[](Config& c) { c.log_level = "loud"; }, "logging.level"},
  };
  for (const auto& [change, want] : cases) {
    const std::string message = Check(change);
    INFO(want << " <- " << message);
    CHECK(message.find(want) != std::string::npos);
  }
}

TEST_CASE("ValidateConfig accepts valid variations", "[validate]") {
  CHECK(Check([](Config&) {}) == "");
  CHECK(Check([](Config& c) { c.post.k3 = 1; }) == "");
  CHECK(Check([](Config& c) { c.api.post_listener = ""; }) == "");
  CHECK(Check([](Config& c) { c.api.public_listener = "[::1]:0"; }) == "");
  CHECK(Check([](Config& c) {
          c.main.metrics = false;
          c.main.metrics_listener = "";
        }) == "");
  CHECK(Check([](Config& c) { c.genesis.genesis_time = "2024-01-02T03:04:05.678+02:00"; }) == "");
  CHECK(Check([](Config& c) { c.smeshing.coinbase = ""; }) == "");
  CHECK(Check([](Config& c) { c.smeshing.start = true; }) == "");
  CHECK(Check([](Config& c) {
          c.api.tls_listener = "0.0.0.0:9443";
          c.api.tls_ca_cert = "ca.pem";
          c.api.tls_cert = "cert.pem";
          c.api.tls_key = "key.pem";
        }) == "");
  CHECK(Check([](Config& c) { c.smeshing.proving.nonces = 4096; }) == "");
}

}  // namespace
}  // namespace node
