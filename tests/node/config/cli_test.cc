#include <catch2/catch.hpp>

#include <sstream>

#include "node/config/cli.h"
#include "test_files.h"

namespace node {
namespace {

using namespace std::chrono_literals;

struct Run {
  CommandLine result;
  std::string out, err;
};

Run Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "spacemesh-node");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Run run{ParseCommandLine(static_cast<int>(argv.size()), argv.data(), out, err), "", ""};
  run.out = out.str();
  run.err = err.str();
  return run;
}

Config Ok(const Run& run) {
  INFO(run.err);
  REQUIRE(run.result.config.has_value());
  CHECK(run.result.exit_code == 0);
  return *run.result.config;
}

TEST_CASE("No arguments: the standalone node", "[cli]") {
  Run run = Parse({});
  const Config c = Ok(run);
  CHECK(c.preset == "standalone");
  CHECK_FALSE(run.result.print_config);
}

TEST_CASE("Double-dash, single-dash Go style and -x=value all work", "[cli]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--data-folder", "/d", "--layer-duration", "1m", "--grpc-post-listener=127.0.0.1:1", "-p", "mainnet"},
           {"-data-folder", "/d", "-layer-duration=1m", "-grpc-post-listener", "127.0.0.1:1", "-preset=mainnet"},
           {"-d=/d", "--layer-duration=1m", "--grpc-post-listener", "127.0.0.1:1", "--preset", "mainnet"},
           {"-d/d", "-layer-duration", "1m", "-grpc-post-listener=127.0.0.1:1", "-p=mainnet"},
       }) {
    INFO(args[0] << " " << args[1]);
    const Config c = Ok(Parse(args));
    CHECK(c.main.data_folder == "/d");
    CHECK(c.main.layer_duration == 1min);
    CHECK(c.api.post_listener == "127.0.0.1:1");
    CHECK(c.preset == "mainnet");
  }
}

TEST_CASE("The reference's misspelled --gprc-tls-ca-cert is the same flag", "[cli]") {
  for (const char* flag : {"--gprc-tls-ca-cert", "--grpc-tls-ca-cert", "-gprc-tls-ca-cert"}) {
    const Config c = Ok(Parse({flag, "/ca.pem", "--grpc-tls-cert", "/c.pem", "--grpc-tls-key", "/k.pem",
                               "--grpc-tls-listener", "127.0.0.1:9443"}));
    CHECK(c.api.tls_ca_cert == "/ca.pem");
    CHECK(c.api.tls_listener == "127.0.0.1:9443");
  }
}

TEST_CASE("Bool flags: alone true, =false false", "[cli]") {
  CHECK(Ok(Parse({"--smeshing-start"})).smeshing.start);
  CHECK_FALSE(Ok(Parse({"--smeshing-start=false"})).smeshing.start);
  CHECK_FALSE(Ok(Parse({"-metrics=false"})).main.metrics);
  CHECK(Ok(Parse({"--metrics"})).main.metrics);
  CHECK_FALSE(Ok(Parse({"--standalone=false", "--genesis-time", "2024-01-01T00:00:00Z"})).main.standalone);
  Run bad = Parse({"--smeshing-start=maybe"});
  CHECK(bad.result.exit_code == 2);
  CHECK(bad.err == "spacemesh-node: --smeshing-start: expected true or false, got \"maybe\"\n");
}

TEST_CASE("Flags win over the file, and the file over the preset", "[cli]") {
  testing::TempDir dir;
  const auto file = dir.Write("node.yaml",
                              "preset: mainnet\nmain:\n  layers-per-epoch: 15\n  layer-duration: 1m\n"
                              "poet:\n  cycle-gap: 7m\nlogging:\n  level: debug\n");
  const Config c = Ok(Parse({"-c", file.string(), "--layers-per-epoch", "20", "--log-level", "warn",
                             "--smeshing-coinbase", "sm1qqqqqq99r0r6nrkfyglxgpgvp6nun88xre08k4sz2gk45"}));
  CHECK(c.preset == "mainnet");
  CHECK(c.main.layers_per_epoch == 20);
  CHECK(c.main.layer_duration == 1min);
  CHECK(c.log_level == "warn");
  const Config s = Ok(Parse({"--config=" + file.string(), "--preset=standalone"}));
  CHECK(s.preset == "standalone");
  CHECK(s.log_level == "debug");
}

TEST_CASE("The p2p flag --listen is accepted and listed as ignored", "[cli]") {
  const Config c = Ok(Parse({"--listen", "/ip4/0.0.0.0/tcp/7513"}));
  CHECK(c.ignored_keys == std::vector<std::string>{"p2p.listen"});
}

TEST_CASE("Every flag reaches its key", "[cli]") {
  const Config c = Ok(Parse({"--filelock",
                             "/tmp/x.lock",
                             "--genesis-time",
                             "2024-01-01T00:00:00Z",
                             "--genesis-extra-data",
                             "xyz",
                             "--layers-per-epoch",
                             "12",
                             "--grpc-public-listener",
                             "127.0.0.1:1",
                             "--grpc-private-listener",
                             "127.0.0.1:2",
                             "--grpc-send-msg-size",
                             "1000",
                             "--grpc-recv-msg-size",
                             "2000",
                             "--smeshing-opts-datadir",
                             "/post",
                             "--smeshing-opts-numunits",
                             "2",
                             "--smeshing-opts-provider",
                             "1",
                             "--smeshing-opts-proving-threads",
                             "3",
                             "--smeshing-opts-proving-nonces",
                             "32",
                             "--smeshing-opts-proving-randomx-mode",
                             "fast",
                             "--post-labels-per-unit",
                             "2048",
                             "--post-k1",
                             "10",
                             "--post-k2",
                             "15",
                             "--post-k3",
                             "5",
                             "--post-min-numunits",
                             "2",
                             "--post-max-numunits",
                             "8",
                             "--post-pow-difficulty",
                             std::string(64, '0'),
                             "--metrics-listener",
                             "127.0.0.1:5",
                             "--metrics-port",
                             "6",
                             "--standalone"}));
  CHECK(c.main.filelock == "/tmp/x.lock");
  CHECK(c.genesis.genesis_time == "2024-01-01T00:00:00Z");
  CHECK(c.genesis.extra_data == "xyz");
  CHECK(c.main.layers_per_epoch == 12);
  CHECK(c.api.public_listener == "127.0.0.1:1");
  CHECK(c.api.private_listener == "127.0.0.1:2");
  CHECK(c.api.send_msg_size == 1000);
  CHECK(c.api.recv_msg_size == 2000);
  CHECK(c.smeshing.opts.datadir == "/post");
  CHECK(c.smeshing.opts.numunits == 2);
  CHECK(c.smeshing.opts.provider == 1u);
  CHECK(c.smeshing.proving.threads == 3);
  CHECK(c.smeshing.proving.nonces == 32);
  CHECK(c.smeshing.proving.randomx_mode == "fast");
  CHECK(c.post.labels_per_unit == 2048);
  CHECK((c.post.k1 == 10 && c.post.k2 == 15 && c.post.k3 == 5));
  CHECK((c.post.min_numunits == 2 && c.post.max_numunits == 8));
  CHECK(c.post.pow_difficulty == base::Hash32{});
  CHECK(c.main.metrics_listener == "127.0.0.1:6");
  CHECK(c.main.standalone);
}

TEST_CASE("The flag --print-config is reported to the caller", "[cli]") {
  Run run = Parse({"--print-config"});
  Ok(run);
  CHECK(run.result.print_config);
}

TEST_CASE("Help, version flags and the version command exit 0", "[cli]") {
  Run help = Parse({"--help"});
  CHECK_FALSE(help.result.config.has_value());
  CHECK(help.result.exit_code == 0);
  CHECK(help.out.find("--grpc-post-listener") != std::string::npos);
  CHECK(Parse({"-h"}).result.exit_code == 0);
  CHECK(Parse({"-help"}).result.exit_code == 0);
  for (const char* arg : {"--version", "version", "-version"}) {
    Run v = Parse({arg});
    CHECK_FALSE(v.result.config.has_value());
    CHECK(v.result.exit_code == 0);
    CHECK(v.out.starts_with("spacemesh-node "));
    CHECK(v.out.find('.') != std::string::npos);
  }
}

TEST_CASE("Errors print one line and exit 2", "[cli]") {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--bogus"},
                                                                {"--data-folder"},
                                                                {"extra"},
                                                                {"--preset", "testnet"},
                                                                {"--layer-duration", "1x"},
                                                                {"-c", "/nonexistent/node.yaml"},
                                                                {"--post-k3", "0"},
                                                                {"--grpc-post-listener", "nope"}}) {
    INFO(args[0]);
    Run run = Parse(args);
    CHECK_FALSE(run.result.config.has_value());
    CHECK(run.result.exit_code == 2);
    CHECK(run.err.starts_with("spacemesh-node: "));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(run.out.empty());
  }
  CHECK(Parse({"--preset", "testnet"}).err.find("known presets: standalone, mainnet") != std::string::npos);
  CHECK(Parse({"--post-k3", "0"}).err.find("post.post-k3") != std::string::npos);
}

}  // namespace
}  // namespace node
