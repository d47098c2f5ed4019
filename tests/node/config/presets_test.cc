#include <catch2/catch.hpp>

#include "base/bytes.h"
#include "node/config/config.h"
#include "node/types/address.h"

namespace node {
namespace {

using namespace std::chrono_literals;

TEST_CASE("The standalone preset", "[preset]") {
  auto c = Preset("standalone");
  REQUIRE(c.ok());
  CHECK(c->preset == "standalone");
  CHECK(c->main.data_folder.filename() == "spacemesh");
  CHECK(c->main.filelock.empty());
  CHECK(c->main.standalone);
  CHECK(c->main.layer_duration == 6s);
  CHECK(c->main.layers_per_epoch == 10);
  CHECK(c->main.tick_size == 1);
  REQUIRE(c->main.poet_servers.size() == 1);
  CHECK(c->main.poet_servers[0].address == "http://127.0.0.1:10010");
  CHECK(c->main.network_hrp == "standalone");
  CHECK(c->main.metrics);
  CHECK(c->main.metrics_listener == "127.0.0.1:10096");
  CHECK(c->genesis.genesis_time.empty());
  CHECK(c->genesis.extra_data == "standalone");
  CHECK(c->api.public_listener == "127.0.0.1:10092");
  CHECK(c->api.private_listener == "127.0.0.1:10093");
  CHECK(c->api.post_listener == "127.0.0.1:10094");
  CHECK(c->api.tls_listener.empty());
  CHECK(c->post.min_numunits == 1);
  CHECK(c->post.max_numunits == 32);
  CHECK(c->post.labels_per_unit == 1024);
  CHECK((c->post.k1 == 12 && c->post.k2 == 20 && c->post.k3 == 20));
  CHECK(base::ToHex(c->post.pow_difficulty) == std::string(64, 'f'));
  CHECK(c->poet.phase_shift == 30s);
  CHECK(c->poet.cycle_gap == 30s);
  CHECK(c->poet.grace_period == 12s);
  CHECK(c->poet.request_timeout == 5s);
  CHECK(c->poet.retry_delay == 1s);
  CHECK(c->poet.retry_max == 10);
  CHECK(c->poet.positioning_atx_selection_timeout == 8s);
  CHECK_FALSE(c->smeshing.start);
  CHECK(c->smeshing.opts.numunits == 1);
  CHECK((c->smeshing.opts.scrypt_n == 16 && c->smeshing.opts.scrypt_r == 1 && c->smeshing.opts.scrypt_p == 1));
  CHECK(c->smeshing.opts.maxfilesize == 4ULL << 30);
  CHECK(c->smeshing.proving.threads == 1);
  CHECK(c->smeshing.proving.nonces == 16);
  CHECK(c->smeshing.proving.randomx_mode == "light");
  CHECK(ValidateConfig(*c).ok());
}

TEST_CASE("The standalone coinbase is the fixed text address", "[preset]") {
  auto c = Preset("standalone");
  REQUIRE(c.ok());
  auto a = ParseAddress(c->smeshing.coinbase, "standalone");
  REQUIRE(a.ok());
  CHECK(std::string(a->begin() + kAddressReservedBytes, a->end()) == "standalone-coinbase!");
}

TEST_CASE("The mainnet preset", "[preset]") {
  auto c = Preset("mainnet");
  REQUIRE(c.ok());
  CHECK(c->preset == "mainnet");
  CHECK(c->main.data_folder.filename() == "spacemesh");
  CHECK(c->main.filelock.filename() == "spacemesh.lock");
  CHECK_FALSE(c->main.standalone);
  CHECK(c->main.layer_duration == 5min);
  CHECK(c->main.layers_per_epoch == 4032);
  CHECK(c->main.tick_size == 9331200);
  CHECK(c->main.poet_servers.size() == 5);
  CHECK(c->main.network_hrp == "sm");
  CHECK_FALSE(c->main.metrics);
  CHECK(c->main.metrics_listener == "127.0.0.1:1010");
  CHECK(c->genesis.genesis_time == "2023-07-14T08:00:00Z");
  CHECK(c->genesis.extra_data == "00000000000000000001a6bc150307b5c1998045752b3c87eccf3c013036f3cc");
  CHECK(c->api.public_listener == "127.0.0.1:9092");
  CHECK(c->api.private_listener == "127.0.0.1:9093");
  CHECK(c->api.post_listener == "127.0.0.1:0");
  CHECK(c->post.labels_per_unit == 4294967296ULL);
  CHECK(c->post.min_numunits == 4);
  CHECK(c->post.max_numunits == UINT32_MAX);
  CHECK((c->post.k1 == 26 && c->post.k2 == 37 && c->post.k3 == 1));
  CHECK(base::ToHex(c->post.pow_difficulty) == "000dfb23b0979b4b" + std::string(48, '0'));
  CHECK(c->poet.phase_shift == 240h);
  CHECK(c->poet.cycle_gap == 12h);
  CHECK(c->poet.grace_period == 1h);
  CHECK(c->poet.positioning_atx_selection_timeout == 50min);
  CHECK(c->smeshing.opts.scrypt_n == 8192);
  CHECK(c->smeshing.proving.nonces == 288);
  CHECK(c->smeshing.proving.threads >= 1);
  CHECK(c->smeshing.proving.randomx_mode == "fast");
  CHECK(c->smeshing.coinbase.empty());
  CHECK_FALSE(c->smeshing.start);
  CHECK(ValidateConfig(*c).ok());
}

TEST_CASE("An unknown preset names the known ones", "[preset]") {
  auto c = Preset("testnet");
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == base::Status::Code::kInvalidArgument);
  CHECK(c.status().message().find("standalone, mainnet") != std::string::npos);
}

}  // namespace
}  // namespace node
