// The presets: standalone (a network of its own on this machine, the default) and mainnet
// (reference/node.md §10; go-spacemesh config/mainnet.go).
#include <algorithm>
#include <climits>
#include <thread>

#include "base/network.h"
#include "node/config/config.h"
#include "node/types/address.h"
#include "values.h"

namespace node {
namespace {

using namespace std::chrono_literals;
using config_internal::HomeDir;
using config_internal::TempDir;

constexpr uint32_t kCpuProvider = UINT32_MAX;  // the reference's provider id of the CPU

// Settings both networks share: the reference's API message sizes and stream interval, the Go
// post library's file size and batch, scrypt r = p = 1.
Config Common(const std::string& name) {
  Config c;
  c.preset = name;
  c.api.send_msg_size = c.api.recv_msg_size = 10 * 1024 * 1024;
  c.api.smesher_stream_interval = 1s;
  c.api.post_handshake_timeout = 30s;
  c.smeshing.opts.maxfilesize = 4ULL << 30;
  c.smeshing.opts.compute_batch_size = 1 << 20;
  c.smeshing.opts.scrypt_r = c.smeshing.opts.scrypt_p = 1;
  c.log_level = "info";
  return c;
}

// A fixed, valid coinbase so that a standalone node can smesh out of the box: the 20 account
// bytes are the ASCII text "standalone-coinbase!", after the 4 reserved zero bytes.
std::string StandaloneCoinbase(const std::string& hrp) {
  constexpr char kText[] = "standalone-coinbase!";
  static_assert(sizeof(kText) - 1 == sizeof(Address) - kAddressReservedBytes);
  Address a{};
  std::copy(kText, kText + sizeof(kText) - 1, a.begin() + kAddressReservedBytes);
  return FormatAddress(a, hrp);
}

Config Standalone() {
  Config c = Common("standalone");
  c.main.data_folder = TempDir() / "spacemesh";
  c.main.filelock = "";  // the node locks its data folder anyway
  c.main.standalone = true;
  c.main.layer_duration = 6s;
  c.main.layers_per_epoch = 10;
  c.main.tick_size = 1;
  c.main.poet_servers = {{"http://127.0.0.1:10010", ""}};  // the PoET inside the node
  c.main.network_hrp = "standalone";
  c.main.metrics = true;
  c.main.metrics_listener = "127.0.0.1:10096";
  c.genesis.genesis_time = "";  // the node binds now on first start (genesis.json)
  c.genesis.extra_data = "standalone";
  c.api.public_listener = "127.0.0.1:10092";
  c.api.private_listener = "127.0.0.1:10093";
  c.api.post_listener = "127.0.0.1:10094";
  c.post.min_numunits = 1;
  c.post.max_numunits = 32;
  c.post.labels_per_unit = 1024;
  c.post.k1 = 12;
  c.post.k2 = 20;
  c.post.k3 = 20;
  c.post.pow_difficulty.fill(0xff);
  c.poet.phase_shift = 30s;
  c.poet.cycle_gap = 30s;
  c.poet.grace_period = 12s;
  c.poet.request_timeout = 5s;
  c.poet.retry_delay = 1s;
  c.poet.retry_max = 10;
  c.poet.positioning_atx_selection_timeout = 8s;
  c.poet.max_round_leaves = 4096;  // ~0.3 s of one core per round instead of the whole round
  c.smeshing.start = false;
  c.smeshing.coinbase = StandaloneCoinbase(c.main.network_hrp);
  c.smeshing.opts.datadir = c.main.data_folder / "post";
  c.smeshing.opts.numunits = 1;
  c.smeshing.opts.provider = kCpuProvider;
  c.smeshing.opts.scrypt_n = 16;
  c.smeshing.proving.threads = 1;
  c.smeshing.proving.nonces = 16;
  c.smeshing.proving.randomx_mode = "light";
  c.smeshing.verifying.workers = 1;
  c.smeshing.verifying.min_workers = 1;
  return c;
}

Config Mainnet() {
  const uint32_t cpus = std::max(1u, std::thread::hardware_concurrency());
  Config c = Common("mainnet");
  c.main.data_folder = HomeDir() / "spacemesh";
  c.main.filelock = TempDir() / "spacemesh.lock";
  c.main.standalone = false;
  c.main.layer_duration = 5min;
  c.main.layers_per_epoch = 4032;
  c.main.tick_size = 9331200;
  // go-spacemesh config/mainnet.go (read at commit 9aff88d, not at the v1.7.6 that node.md cites).
  c.main.poet_servers = {
      {"https://mainnet-poet-0.spacemesh.network", "cFnqCS5oER7GOX576oPtahlxB/1y95aDibdK7RHQFVg="},
      {"https://mainnet-poet-1.spacemesh.network", "Qh1efxY4YhoYBEXKPTiHJ/a7n1GsllRSyweQKO3j7m0="},
      {"https://poet-110.spacemesh.network", "8Qqgid+37eyY7ik+EA47Nd5TrQjXolbv2Mdgir243No="},
      {"https://poet-111.spacemesh.network", "caIV0Ym59L3RqbVAL6UrCPwr+z+lwe2TBj57QWnAgtM="},
      {"https://poet-112.spacemesh.network", "5p/mPvmqhwdvf8U0GVrNq/9IN/HmZj5hCkFLAN04g1E="},
  };
  c.main.network_hrp = "sm";
  c.main.metrics = false;
  c.main.metrics_listener = "127.0.0.1:1010";
  c.genesis.genesis_time = "2023-07-14T08:00:00Z";
  c.genesis.extra_data = "00000000000000000001a6bc150307b5c1998045752b3c87eccf3c013036f3cc";
  // Loopback, unlike the reference's 0.0.0.0:9092: servers bind to loopback by default here.
  c.api.public_listener = "127.0.0.1:9092";
  c.api.private_listener = "127.0.0.1:9093";
  c.api.post_listener = "127.0.0.1:0";
  c.post.min_numunits = base::mainnet::kMinNumUnits;
  c.post.max_numunits = UINT32_MAX;
  c.post.labels_per_unit = base::mainnet::kLabelsPerUnit;
  c.post.k1 = base::mainnet::kK1;
  c.post.k2 = base::mainnet::kK2;
  c.post.k3 = 1;
  c.post.pow_difficulty = base::mainnet::kPowDifficulty;
  c.poet.phase_shift = 240h;
  c.poet.cycle_gap = 12h;
  c.poet.grace_period = 1h;
  c.poet.request_timeout = 1100s;
  c.poet.retry_delay = 10s;
  c.poet.retry_max = 10;
  c.poet.positioning_atx_selection_timeout = 50min;
  c.smeshing.start = false;
  c.smeshing.coinbase = "";
  c.smeshing.opts.datadir = HomeDir() / "post" / "data";
  c.smeshing.opts.numunits = 4;  // the Go library's default (2) is below the mainnet minimum
  c.smeshing.opts.scrypt_n = base::mainnet::kScryptN;
  c.smeshing.proving.threads = std::max(1u, cpus * 3 / 4);
  c.smeshing.proving.nonces = 288;
  c.smeshing.proving.randomx_mode = "fast";
  c.smeshing.verifying.workers = std::max(1u, cpus / 2);
  c.smeshing.verifying.min_workers = 1;
  return c;
}

}  // namespace

base::Result<Config> Preset(const std::string& name) {
  if (name == "standalone") return Standalone();
  if (name == "mainnet") return Mainnet();
  return base::Status::InvalidArgument("unknown preset \"" + name + "\" (known presets: standalone, mainnet)");
}

}  // namespace node
