// The node's configuration: one struct, filled from a preset, then a config file (YAML, or
// JSON with the reference's key names, node.md §9), then command-line flags; later sources win.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"

namespace node {

using Duration = std::chrono::milliseconds;

struct PoetServer {
  std::string address;  // http://host:port
  std::string pubkey;   // base64 ed25519 public key
};

struct Config {
  std::string preset;  // "standalone" (default) or "mainnet"

  struct Main {
    std::filesystem::path data_folder;
    std::filesystem::path filelock;  // an extra lock file; the data folder is always locked too
    bool standalone = false;         // run a network of our own: local PoET, own clock
    Duration layer_duration{};
    uint32_t layers_per_epoch = 0;
    uint64_t tick_size = 0;
    std::vector<PoetServer> poet_servers;
    std::string network_hrp;       // bech32 prefix of coinbase addresses
    bool metrics = false;          // serve Prometheus /metrics
    std::string metrics_listener;  // host:port of /metrics (ours; the reference has only a port)
  } main;

  struct Genesis {
    std::string genesis_time;  // RFC 3339; empty in standalone: now, kept in genesis.json
    std::string extra_data;
  } genesis;

  struct Api {
    std::string public_listener;   // NodeService, ActivationService
    std::string private_listener;  // SmesherService, AdminService
    std::string post_listener;     // PostService, PostInfoService; empty: off
    std::string tls_listener;      // mTLS PostService, PostInfoService; empty: off
    std::filesystem::path tls_ca_cert, tls_cert, tls_key;
    uint32_t send_msg_size = 10 * 1024 * 1024;
    uint32_t recv_msg_size = 10 * 1024 * 1024;
    Duration smesher_stream_interval{1000};
    Duration post_handshake_timeout{30'000};  // ours: a post-service stream must send its metadata within it
  } api;

  struct Post {
    uint32_t min_numunits = 0;
    uint32_t max_numunits = 0;
    uint64_t labels_per_unit = 0;
    uint32_t k1 = 0, k2 = 0, k3 = 0;
    base::Hash32 pow_difficulty{};
  } post;

  struct Poet {
    Duration phase_shift{}, cycle_gap{}, grace_period{};
    Duration request_timeout{}, retry_delay{};
    uint32_t retry_max = 0;
    Duration positioning_atx_selection_timeout{};
    uint64_t max_round_leaves = 0;  // ours: caps the in-process PoET's work per round (0: none, else >= 150)
  } poet;

  struct Smeshing {
    bool start = false;
    std::string coinbase;  // bech32 with main.network_hrp; empty: post-services are refused
    struct Opts {
      std::filesystem::path datadir;
      uint32_t numunits = 0;
      uint64_t maxfilesize = 0;
      std::optional<uint32_t> provider;
      bool throttle = false;
      uint32_t scrypt_n = 8192, scrypt_r = 1, scrypt_p = 1;
      uint64_t compute_batch_size = 0;
    } opts;
    struct Proving {
      uint32_t threads = 1;
      uint32_t nonces = 16;
      std::string randomx_mode = "fast";  // fast | light
    } proving;
    struct Verifying {
      bool disable = false;
      uint32_t workers = 1;
      uint32_t min_workers = 1;
    } verifying;
  } smeshing;

  std::string log_level = "info";  // trace, debug, info, warn, error

  // Reference keys that the file or the flags set but this node does not use (p2p.*, logging
  // module levels, hare3.*, ...), so that a go-spacemesh config.json loads; the app logs them once.
  std::vector<std::string> ignored_keys;
};

// Where a configuration comes from. `flags` maps a key path ("api.grpc-post-listener") to the
// flag's text; the CLI layer fills it.
struct ConfigSources {
  std::optional<std::string> preset;          // --preset; else the file's "preset"; else standalone
  std::optional<std::filesystem::path> file;  // -c/--config
  std::vector<std::pair<std::string, std::string>> flags;
};

// The preset named `name`, or InvalidArgument naming the known presets.
base::Result<Config> Preset(const std::string& name);

// Preset, then file, then flags. Unknown keys, wrong types and bad values are InvalidArgument
// naming the key path ("config.yaml: poet.cycle-gap: invalid duration \"12x\"").
base::Result<Config> BuildConfig(const ConfigSources& sources);

// Cross-field rules (k1 <= labels, k2 > 0, min <= max units, TLS files all or none, ...).
base::Status ValidateConfig(const Config& config);

// The resolved configuration as JSON with the reference's key names (for --print-config).
std::string ConfigToJson(const Config& config);

}  // namespace node
