#include "post_service/config.h"

#include <CLI/CLI.hpp>
#include <string>

#include "post/prove.h"
#include "post_service/node_address.h"

namespace post_service {
namespace {

const CLI::Validator kHex32Validator(
    [](std::string& text) -> std::string {
      return base::Hash32FromHex(text) ? "" : "must be 64 hex characters (32 bytes)";
    },
    "HEX32");

const CLI::Validator kNoncesValidator(
    [](std::string& text) -> std::string {
      uint64_t nonces = 0;
      if (!CLI::detail::lexical_cast(text, nonces)) return "must be a number";
      if (nonces == 0 || nonces % 16 != 0) return "nonces must be multiple of 16";
      if (nonces > post::kMaxNonces) return "max nonces is " + std::to_string(post::kMaxNonces);
      return "";
    },
    "NONCES");

bool IsPowerOfTwo(uint32_t n) { return n >= 2 && (n & (n - 1)) == 0; }

}  // namespace

ParsedFlags ParseFlags(int argc, const char* const* argv) {
  ServiceConfig c;
  CLI::App app("post-service: proves Spacemesh PoST data on request of a node", "post-service");
  app.set_version_flag("-V,--version", POST_SERVICE_VERSION);

  std::string dir, pow_hex = base::ToHex(base::mainnet::kPowDifficulty), operator_address, domain, remote_k2pow;
  std::string ca_cert, cert, key, randomx_mode = "fast";
  uint32_t max_retries = 0;
  int watch_pid = 0;

  app.add_option("-d,--dir", dir, "Directory of POST data")->required();
  app.add_option("-a,--address", c.address, "Node address to connect to (http:// or https://)")->required();
  app.add_option("--reconnect-interval-s", c.reconnect_interval_s, "Seconds to wait before reconnecting to the node")
      ->capture_default_str();
  auto* max_retries_opt = app.add_option(
      "--max-retries", max_retries, "Give up after this many failed connection attempts in a row (default: never)");
  auto* watch_pid_opt = app.add_option("--watch-pid", watch_pid, "Exit when the process with this PID exits");
  auto* operator_opt =
      app.add_option("--operator-address", operator_address,
                     "ip:port for the operator HTTP API (GET /status, /status/detail, /metrics); disabled if unset");

  const std::string post_group = "POST configuration";
  app.add_option("--min-num-units", c.min_num_units, "Minimum number of units a network accepts")
      ->capture_default_str()
      ->group(post_group);
  app.add_option("--max-num-units", c.max_num_units, "Maximum number of units a network accepts")
      ->capture_default_str()
      ->group(post_group);
  app.add_option("--k1", c.k1, "Difficulty for a label to be a candidate for a proof")
      ->capture_default_str()
      ->group(post_group);
  app.add_option("--k2", c.k2, "Number of labels a proof contains")->capture_default_str()->group(post_group);
  app.add_option("--pow-difficulty", pow_hex, "k2pow difficulty, 32 bytes as hex")
      ->check(kHex32Validator)
      ->capture_default_str()
      ->group(post_group);
  app.add_option("-n", c.scrypt_n, "Scrypt N parameter")->capture_default_str()->group(post_group);
  app.add_option("-r", c.scrypt_r, "Scrypt r parameter")->capture_default_str()->group(post_group);
  app.add_option("-p", c.scrypt_p, "Scrypt p parameter")->capture_default_str()->group(post_group);

  const std::string settings_group = "POST proving settings";
  app.add_option("--threads", c.threads, "Proving threads; 0 means all cores")
      ->capture_default_str()
      ->group(settings_group);
  app.add_option("--pinned-cores", c.pinned_cores,
                 "Comma-separated cores to pin one proving thread each to (overrides --threads)")
      ->delimiter(',')
      ->check(CLI::NonNegativeNumber)
      ->group(settings_group);
  app.add_option("--nonces", c.nonces, "Nonces per pass over the data; a multiple of 16, at most 4096")
      ->check(kNoncesValidator)
      ->capture_default_str()
      ->group(settings_group);
  app.add_option("--randomx-mode", randomx_mode,
                 "RandomX mode: fast (about 2 GiB, for proving) or light (256 MiB, slower)")
      ->transform(CLI::IsMember({"fast", "light"}, CLI::ignore_case))
      ->capture_default_str()
      ->group(settings_group);

  const std::string tls_group = "TLS (all of --ca-cert, --cert and --key, with an https:// address)";
  auto* ca_opt = app.add_option("--ca-cert", ca_cert, "CA certificate of the node")->group(tls_group);
  auto* cert_opt = app.add_option("--cert", cert, "Client certificate")->group(tls_group);
  auto* key_opt = app.add_option("--key", key, "Client private key")->group(tls_group);
  auto* domain_opt =
      app.add_option("--domain", domain, "Name the node's certificate is checked against (default: the address host)")
          ->group(tls_group);

  const std::string remote_group = "Remote k2pow (not supported: k2pow always runs locally)";
  auto* remote_opt = app.add_option("--remote-k2pow", remote_k2pow, "Base URL of a k2pow service")->group(remote_group);
  app.add_option("--remote-k2pow-parallelism", c.remote_k2pow_parallelism, "Parallel k2pow jobs")
      ->capture_default_str()
      ->group(remote_group);
  app.add_option("--remote-k2pow-backoff", c.remote_k2pow_backoff_s, "Seconds between polls")
      ->capture_default_str()
      ->group(remote_group);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return {std::nullopt, code == 0 ? 0 : 2};
  }

  c.dir = dir;
  c.pow_difficulty = *base::Hash32FromHex(pow_hex);
  c.randomx_mode = randomx_mode == "light" ? post::RandomXMode::kLight : post::RandomXMode::kFast;
  if (max_retries_opt->count()) c.max_retries = max_retries;
  if (watch_pid_opt->count()) c.watch_pid = watch_pid;
  if (operator_opt->count()) c.operator_address = operator_address;
  if (ca_opt->count()) c.ca_cert = ca_cert;
  if (cert_opt->count()) c.cert = cert;
  if (key_opt->count()) c.key = key;
  if (domain_opt->count()) c.domain = domain;
  if (remote_opt->count()) c.remote_k2pow = remote_k2pow;
  return {std::move(c), 0};
}

base::Status ValidateConfig(const ServiceConfig& c) {
  using base::Status;
  if (c.remote_k2pow) {
    return Status::InvalidArgument(
        "--remote-k2pow is not supported by this post-service: k2pow runs locally; remove the flag");
  }
  auto address = ParseNodeAddress(c.address);
  if (!address.ok()) return address.status();

  const int tls_files = int(c.ca_cert.has_value()) + int(c.cert.has_value()) + int(c.key.has_value());
  if (tls_files != 0 && tls_files != 3) {
    std::string missing;
    if (!c.ca_cert) missing += " --ca-cert";
    if (!c.cert) missing += " --cert";
    if (!c.key) missing += " --key";
    return Status::InvalidArgument("--ca-cert, --cert and --key must be given together; missing:" + missing);
  }
  if (address->tls && tls_files == 0) {
    return Status::InvalidArgument(
        "client protocol set to https but tls configuration not provided: pass --ca-cert, --cert and --key");
  }
  if (!address->tls && tls_files != 0) {
    return Status::InvalidArgument("--ca-cert, --cert and --key need an https:// address, got '" + c.address + "'");
  }
  if (c.domain && !address->tls) {
    return Status::InvalidArgument("--domain needs an https:// address, got '" + c.address + "'");
  }
  if (c.min_num_units > c.max_num_units) {
    return Status::InvalidArgument("--min-num-units " + std::to_string(c.min_num_units) +
                                   " is larger than --max-num-units " + std::to_string(c.max_num_units));
  }
  if (!IsPowerOfTwo(c.scrypt_n)) {
    return Status::InvalidArgument("-n must be a power of two of at least 2, got " + std::to_string(c.scrypt_n));
  }
  if (c.scrypt_r != 1 || c.scrypt_p != 1) {
    return Status::InvalidArgument("only scrypt -r 1 -p 1 is supported (as on every Spacemesh network), got -r " +
                                   std::to_string(c.scrypt_r) + " -p " + std::to_string(c.scrypt_p));
  }
  if (c.k2 == 0) return Status::InvalidArgument("--k2 must be positive");
  return Status::Ok();
}

}  // namespace post_service
