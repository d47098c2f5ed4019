// The post-service command line: the reference flag set (reference/post.md §7.1) with the same
// names, short forms and defaults, parsed into a ServiceConfig and validated.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/network.h"
#include "base/status.h"
#include "post/k2pow.h"

namespace post_service {

// Everything the service is told on its command line.
struct ServiceConfig {
  std::filesystem::path dir;
  std::string address;  // http://host:port or https://host:port
  uint64_t reconnect_interval_s = 5;
  std::optional<uint32_t> max_retries;  // unset: retry forever
  std::optional<int> watch_pid;
  std::optional<std::string> operator_address;  // ip:port of the operator HTTP API

  uint32_t min_num_units = base::mainnet::kMinNumUnits;
  uint32_t max_num_units = UINT32_MAX;
  uint32_t k1 = base::mainnet::kK1;
  uint32_t k2 = base::mainnet::kK2;
  base::Hash32 pow_difficulty = base::mainnet::kPowDifficulty;
  uint32_t scrypt_n = base::mainnet::kScryptN;
  uint32_t scrypt_r = 1;
  uint32_t scrypt_p = 1;

  uint32_t threads = 1;           // 0 = all cores
  std::vector<int> pinned_cores;  // overrides threads when set
  uint32_t nonces = 128;
  post::RandomXMode randomx_mode = post::RandomXMode::kFast;

  std::optional<std::filesystem::path> ca_cert;
  std::optional<std::filesystem::path> cert;
  std::optional<std::filesystem::path> key;
  std::optional<std::string> domain;  // TLS name to expect; default: the address host

  std::optional<std::string> remote_k2pow;  // accepted so the flag parses; rejected by validation
  uint32_t remote_k2pow_parallelism = 5;
  uint64_t remote_k2pow_backoff_s = 5;
};

// The result of reading the command line: a config to run, or the exit code of --help,
// --version or a parse error (CLI11 has already printed what to print).
struct ParsedFlags {
  std::optional<ServiceConfig> config;
  int exit_code = 0;
};

ParsedFlags ParseFlags(int argc, const char* const* argv);

// Cross-flag rules the parser cannot express: num-units range, scrypt r = p = 1, an
// http:// or https:// address, TLS files all-or-none and only with https, no remote k2pow.
base::Status ValidateConfig(const ServiceConfig& config);

}  // namespace post_service
