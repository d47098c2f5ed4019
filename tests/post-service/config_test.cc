#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "post_service/config.h"
#include "post_service/node_address.h"

namespace post_service {
namespace {

ParsedFlags Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "post-service");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  return ParseFlags(int(argv.size()), argv.data());
}

ServiceConfig Valid() {
  auto parsed = Parse({"-d", "/data", "-a", "http://127.0.0.1:9094"});
  REQUIRE(parsed.config);
  return *parsed.config;
}

TEST_CASE("flags: the reference defaults", "[config]") {
  const ServiceConfig c = Valid();
  CHECK(c.dir == "/data");
  CHECK(c.address == "http://127.0.0.1:9094");
  CHECK(c.reconnect_interval_s == 5);
  CHECK_FALSE(c.max_retries);
  CHECK_FALSE(c.watch_pid);
  CHECK_FALSE(c.operator_address);
  CHECK(c.min_num_units == 4);
  CHECK(c.max_num_units == UINT32_MAX);
  CHECK(c.k1 == 26);
  CHECK(c.k2 == 37);
  CHECK(c.pow_difficulty == base::mainnet::kPowDifficulty);
  CHECK(c.scrypt_n == 8192);
  CHECK(c.scrypt_r == 1);
  CHECK(c.scrypt_p == 1);
  CHECK(c.threads == 1);
  CHECK(c.pinned_cores.empty());
  CHECK(c.nonces == 128);
  CHECK(c.randomx_mode == post::RandomXMode::kFast);
  CHECK_FALSE(c.ca_cert);
  CHECK_FALSE(c.remote_k2pow);
  CHECK(c.remote_k2pow_parallelism == 5);
  CHECK(c.remote_k2pow_backoff_s == 5);
  CHECK(ValidateConfig(c).ok());
}

TEST_CASE("flags: the node supervisor's command line parses", "[config]") {
  // The arguments go-spacemesh's post supervisor passes (reference/post.md §7.1).
  auto parsed = Parse({"--address",
                       "http://127.0.0.1:9094",
                       "--min-num-units",
                       "4",
                       "--max-num-units",
                       "1000",
                       "--k1",
                       "26",
                       "--k2",
                       "37",
                       "--pow-difficulty",
                       "000dfb23b0979b4b000000000000000000000000000000000000000000000000",
                       "--dir",
                       "/d",
                       "-n",
                       "8192",
                       "-r",
                       "1",
                       "-p",
                       "1",
                       "--threads",
                       "0",
                       "--nonces",
                       "16",
                       "--randomx-mode",
                       "light",
                       "--watch-pid",
                       "1234",
                       "--max-retries",
                       "3"});
  REQUIRE(parsed.config);
  const ServiceConfig& c = *parsed.config;
  CHECK(c.max_num_units == 1000);
  CHECK(c.threads == 0);
  CHECK(c.nonces == 16);
  CHECK(c.randomx_mode == post::RandomXMode::kLight);
  CHECK(c.watch_pid == 1234);
  CHECK(c.max_retries == 3u);
  CHECK(ValidateConfig(c).ok());
}

TEST_CASE("flags: pinned cores, operator address, TLS", "[config]") {
  auto parsed =
      Parse({"-d", "/d", "-a", "https://node:1", "--pinned-cores", "3,1,2", "--operator-address", "127.0.0.1:50000",
             "--ca-cert", "ca.pem", "--cert", "c.pem", "--key", "c.key", "--domain", "node.example"});
  REQUIRE(parsed.config);
  CHECK(parsed.config->pinned_cores == std::vector<int>{3, 1, 2});
  CHECK(parsed.config->operator_address == "127.0.0.1:50000");
  CHECK(parsed.config->domain == "node.example");
  CHECK(ValidateConfig(*parsed.config).ok());
}

TEST_CASE("flags: parse errors exit with 2, help with 0", "[config]") {
  CHECK(Parse({"-a", "http://x:1"}).exit_code == 2);  // --dir missing
  CHECK(Parse({"-d", "/d"}).exit_code == 2);          // --address missing
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--nonces", "20"}).exit_code == 2);
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--nonces", "4112"}).exit_code == 2);
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--nonces", "0"}).exit_code == 2);
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--pow-difficulty", "ff"}).exit_code == 2);
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--randomx-mode", "turbo"}).exit_code == 2);
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--unknown"}).exit_code == 2);
  const auto help = Parse({"--help"});
  CHECK_FALSE(help.config);
  CHECK(help.exit_code == 0);
  CHECK(Parse({"-d", "/d", "-a", "http://x:1", "--nonces", "4096"}).config);
  const auto upper = Parse({"-d", "/d", "-a", "http://x:1", "--randomx-mode", "LIGHT"});
  REQUIRE(upper.config);
  CHECK(upper.config->randomx_mode == post::RandomXMode::kLight);
}

TEST_CASE("validation: each cross-flag rule has its own message", "[config]") {
  auto check = [](ServiceConfig c, const std::string& needle) {
    const auto status = ValidateConfig(c);
    INFO(status.ToString());
    CHECK_FALSE(status.ok());
    CHECK(status.message().find(needle) != std::string::npos);
  };
  ServiceConfig c = Valid();
  c.address = "127.0.0.1:9094";
  check(c, "must start with http:// or https://");
  c = Valid();
  c.address = "https://127.0.0.1:9094";
  check(c, "tls configuration not provided");
  c.ca_cert = "ca.pem";
  check(c, "missing: --cert --key");
  c = Valid();
  c.ca_cert = "ca.pem";
  c.cert = "c.pem";
  c.key = "c.key";
  check(c, "need an https:// address");
  c = Valid();
  c.domain = "x";
  check(c, "--domain needs an https:// address");
  c = Valid();
  c.remote_k2pow = "http://k2pow:3000";
  check(c, "not supported");
  c = Valid();
  c.min_num_units = 10;
  c.max_num_units = 5;
  check(c, "larger than --max-num-units");
  c = Valid();
  c.scrypt_n = 1000;
  check(c, "power of two");
  c = Valid();
  c.scrypt_r = 2;
  check(c, "-r 1 -p 1");
}

TEST_CASE("node address: scheme, host and port", "[config]") {
  auto a = ParseNodeAddress("http://127.0.0.1:9094");
  REQUIRE(a.ok());
  CHECK_FALSE(a->tls);
  CHECK(a->Target() == "127.0.0.1:9094");
  a = ParseNodeAddress("https://node.example/");
  REQUIRE(a.ok());
  CHECK(a->tls);
  CHECK(a->Target() == "node.example:443");
  a = ParseNodeAddress("http://[::1]:10094");
  REQUIRE(a.ok());
  CHECK(a->host == "::1");
  CHECK(a->Target() == "[::1]:10094");
  a = ParseNodeAddress("http://[::1]");
  REQUIRE(a.ok());
  CHECK(a->port == 80);
  CHECK_FALSE(ParseNodeAddress("grpc://x:1").ok());
  CHECK_FALSE(ParseNodeAddress("http://:1").ok());
  CHECK_FALSE(ParseNodeAddress("http://x:").ok());
  CHECK_FALSE(ParseNodeAddress("http://x:70000").ok());
  CHECK_FALSE(ParseNodeAddress("http://x:1/path").ok());
}

}  // namespace
}  // namespace post_service
