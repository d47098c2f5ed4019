#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "node/config/config.h"
#include "test_files.h"

namespace node {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

Config Build(const ConfigSources& sources) {
  auto c = BuildConfig(sources);
  INFO(c.status().ToString());
  REQUIRE(c.ok());
  return *c;
}

std::string BuildError(const ConfigSources& sources) {
  auto c = BuildConfig(sources);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == base::Status::Code::kInvalidArgument);
  return c.status().message();
}

bool Has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST_CASE("No file and no flags give the standalone preset", "[build]") {
  Config c = Build({});
  CHECK(c.preset == "standalone");
  CHECK(ConfigToJson(c) == ConfigToJson(*Preset("standalone")));
}

TEST_CASE("Layering: preset < file < flags, YAML and JSON alike", "[build]") {
  TempDir dir;
  const auto yaml = dir.Write("node.yaml", R"(
preset: mainnet
main:
  layer-duration: 1m
  layers-per-epoch: "15"
  metrics: "true"
poet:
  cycle-gap: 7m
post:
  post-k1: 12
smeshing:
  smeshing-opts:
    smeshing-opts-scrypt:
      n: 16
)");
  const auto json = dir.Write("node.cfg", R"({
  "preset": "mainnet",
  "main": {"layer-duration": "1m", "layers-per-epoch": 15, "metrics": true},
  "poet": {"cycle-gap": "7m"},
  "post": {"post-k1": 12},
  "smeshing": {"smeshing-opts": {"smeshing-opts-scrypt": {"n": 16}}}
})");
  for (const auto& file : {yaml, json}) {
    INFO(file);
    ConfigSources sources;
    sources.file = file;
    sources.flags = {{"main.layers-per-epoch", "20"}, {"post.post-k2", "30"}};
    Config c = Build(sources);
    CHECK(c.preset == "mainnet");
    CHECK(c.main.layer_duration == 1min);  // file over preset
    CHECK(c.main.layers_per_epoch == 20);  // flag over file
    CHECK(c.main.metrics);
    CHECK(c.poet.cycle_gap == 7min);
    CHECK(c.poet.phase_shift == 240h);  // preset where neither says
    CHECK(c.post.k1 == 12);
    CHECK(c.post.k2 == 30);
    CHECK(c.smeshing.opts.scrypt_n == 16);
    CHECK(c.main.network_hrp == "sm");

    sources.preset = "standalone";  // --preset wins over the file's
    Config s = Build(sources);
    CHECK(s.preset == "standalone");
    CHECK(s.main.network_hrp == "standalone");
    CHECK(s.main.layer_duration == 1min);
  }
}

TEST_CASE("Keys match in any case", "[build]") {
  TempDir dir;
  ConfigSources sources;
  sources.file = dir.Write("d.json", R"({"PRESET": "mainnet", "Main": {"Data-Folder": "/x", "LAYERS-PER-EPOCH": 7},
    "smeshing": {"Smeshing-Opts": {"smeshing-opts-SCRYPT": {"N": 32}}}})");
  Config d = Build(sources);
  CHECK(d.preset == "mainnet");
  CHECK(d.main.data_folder == "/x");
  CHECK(d.main.layers_per_epoch == 7);
  CHECK(d.smeshing.opts.scrypt_n == 32);
}

TEST_CASE("Unknown keys are errors naming the file and the full key path", "[build]") {
  TempDir dir;
  ConfigSources sources;
  sources.file = dir.Write("c.yaml", "smeshing:\n  smeshing-opts:\n    smeshing-opts-numunitz: 3\n");
  std::string e = BuildError(sources);
  CHECK(e.find("c.yaml: smeshing.smeshing-opts.smeshing-opts-numunitz: unknown key") != std::string::npos);

  sources.file = dir.Write("d.json", R"({"frobnicate": {"x": 1}})");
  CHECK(BuildError(sources).find("d.json: frobnicate: unknown key") != std::string::npos);

  sources.file = dir.Write("e.json", R"({"main": {"poet-servers": [{"address": "http://a:1", "key": "x"}]}})");
  CHECK(BuildError(sources).find("e.json: main.poet-servers[0].key: unknown key") != std::string::npos);

  ConfigSources flag;
  flag.flags = {{"main.nope", "1"}};
  CHECK(BuildError(flag).find("main.nope: unknown key") != std::string::npos);
}

TEST_CASE("Reference sections this node does not use are accepted and listed", "[build]") {
  TempDir dir;
  ConfigSources sources;
  sources.file = dir.Write("c.json", R"({
    "p2p": {"listen": "/ip4/0.0.0.0/tcp/7513", "bootnodes": []},
    "logging": {"p2p": "error", "grpc": "WARN", "level": "debug"},
    "hare3": {"committee": 400},
    "tortoise": {},
    "main": {"txs-per-proposal": 700},
    "genesis": {"accounts": {"sm1qqqqqqylyl2l0zsmmax0wnutt4dwnrkcwef5eeq3xladz": 1}},
    "api": {"grpc-json-listener": "0.0.0.0:9094"}
  })");
  sources.flags = {{"p2p.listen", "/ip4/0.0.0.0/tcp/1"}};
  Config c = Build(sources);
  CHECK(c.log_level == "debug");  // logging.level is ours
  for (const char* key : {"p2p.listen", "p2p.bootnodes", "logging.p2p", "logging.grpc", "hare3.committee", "tortoise",
                          "main.txs-per-proposal", "genesis.accounts", "api.grpc-json-listener"}) {
    INFO(key);
    CHECK(Has(c.ignored_keys, key));
  }
  CHECK(std::count(c.ignored_keys.begin(), c.ignored_keys.end(), "p2p.listen") == 1);
}

TEST_CASE("Wrong types and bad values name the key", "[build]") {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"main": {"layers-per-epoch": "ten"}})", "main.layers-per-epoch: expected an unsigned integer"},
      {R"({"main": {"layers-per-epoch": -1}})", "main.layers-per-epoch: expected an unsigned integer"},
      {R"({"main": {"layers-per-epoch": 4294967296}})", "main.layers-per-epoch: 4294967296 is out of range"},
      {R"({"main": {"standalone": "yes"}})", "main.standalone: expected true or false"},
      {R"({"main": {"data-folder": 5}})", "main.data-folder: expected a string"},
      {R"({"poet": {"cycle-gap": "12x"}})", "poet.cycle-gap: invalid duration \"12x\""},
      {R"({"poet": {"cycle-gap": "-1s"}})", "poet.cycle-gap: expected a duration that is not negative"},
      {R"({"post": {"post-pow-difficulty": "00ff"}})", "post.post-pow-difficulty: expected 64 hex characters"},
      {R"({"main": {"poet-servers": {"address": "x"}}})", "main.poet-servers: expected a list"},
      {R"({"main": {"poet-servers": [{"address": "http://a:1", "pubkey": "notbase64"}]}})",
       "main.poet-servers[0].pubkey: expected a base64 ed25519 public key"},
      {R"({"main": 5})", "main: expected a section"},
      {R"({"preset": 5})", "preset: expected a string"},
      {R"({"main": {"metrics-port": 70000}})", "main.metrics-port: 70000 is out of range"},
      {R"({"main": {"layer-duration": "5m"}, "oops")", "invalid JSON"},
  };
  for (const auto& [text, want] : cases) {
    INFO(text);
    ConfigSources sources;
    sources.file = dir.Write("c.json", text);
    const std::string e = BuildError(sources);
    INFO(e);
    CHECK(e.find(want) != std::string::npos);
  }

  ConfigSources flag;
  flag.flags = {{"main.layer-duration", "5 minutes"}};
  CHECK(BuildError(flag).find("--layer-duration: invalid duration") != std::string::npos);
  flag.flags = {{"smeshing.smeshing-start", "maybe"}};
  CHECK(BuildError(flag).find("--smeshing-start: expected true or false") != std::string::npos);
}

TEST_CASE("YAML syntax errors give the line; a missing file is an I/O error", "[build]") {
  TempDir dir;
  ConfigSources sources;
  sources.file = dir.Write("c.yaml", "main:\n  data-folder: [unclosed\n");
  auto c = BuildConfig(sources);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().message().find("c.yaml:") != std::string::npos);
  CHECK(c.status().message().find("invalid YAML") != std::string::npos);

  sources.file = dir.path() / "missing.yaml";
  c = BuildConfig(sources);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == base::Status::Code::kIoError);
  CHECK(c.status().message().find("missing.yaml") != std::string::npos);
}

TEST_CASE("Values of every kind load from YAML strings", "[build]") {
  TempDir dir;
  ConfigSources sources;
  sources.file = dir.Write("c.yml", R"(
main:
  data-folder: ~/sm-data
  poet-servers:
    - address: http://127.0.0.1:9999
      PubKey: cFnqCS5oER7GOX576oPtahlxB/1y95aDibdK7RHQFVg=
  metrics-port: 2020
api:
  smesherstreaminterval: 250ms
  grpc-tls-ca-cert: /etc/ca.pem
post:
  post-labels-per-unit: 4294967296
  post-pow-difficulty: 000dfb23b0979b4b000000000000000000000000000000000000000000000000
smeshing:
  smeshing-start: false
  smeshing-opts:
    smeshing-opts-provider: 0
  smeshing-proving-opts:
    smeshing-opts-proving-randomx-mode: fast
logging:
  level: warn
p2p:
)");
  Config c = Build(sources);
  CHECK(c.main.data_folder.filename() == "sm-data");
  CHECK(c.main.data_folder.string().front() != '~');
  REQUIRE(c.main.poet_servers.size() == 1);
  CHECK(c.main.poet_servers[0].address == "http://127.0.0.1:9999");
  CHECK(c.main.poet_servers[0].pubkey == "cFnqCS5oER7GOX576oPtahlxB/1y95aDibdK7RHQFVg=");
  CHECK(c.main.metrics_listener == "127.0.0.1:2020");
  CHECK(c.api.smesher_stream_interval == 250ms);
  CHECK(c.api.tls_ca_cert == "/etc/ca.pem");
  CHECK(c.post.labels_per_unit == 4294967296ULL);
  CHECK(base::ToHex(c.post.pow_difficulty).starts_with("000dfb23b0979b4b"));
  CHECK(c.smeshing.opts.provider == 0u);
  CHECK(c.smeshing.proving.randomx_mode == "fast");
  CHECK(c.log_level == "warn");
  CHECK(Has(c.ignored_keys, "p2p"));
}

TEST_CASE("metrics-port keeps the listener's host", "[build]") {
  ConfigSources sources;
  sources.flags = {{"main.metrics-listener", "0.0.0.0:1"}, {"main.metrics-port", "2"}};
  CHECK(Build(sources).main.metrics_listener == "0.0.0.0:2");
  sources.flags = {{"main.metrics-port", "3"}};
  CHECK(Build(sources).main.metrics_listener == "127.0.0.1:3");
}

TEST_CASE("ConfigToJson uses the reference keys and round-trips through BuildConfig", "[build]") {
  TempDir dir;
  for (const char* preset : {"standalone", "mainnet"}) {
    INFO(preset);
    Config c = *Preset(preset);
    c.smeshing.opts.provider.reset();
    c.api.tls_listener = "127.0.0.1:9999";
    c.poet.cycle_gap = 90s + 5ms;
    c.main.metrics_listener = "[::1]:77";
    const std::string json = ConfigToJson(c);
    const auto tree = nlohmann::json::parse(json);
    CHECK(tree["preset"] == preset);
    CHECK(tree["api"]["grpc-tls-listener"] == "127.0.0.1:9999");
    CHECK(tree["poet"]["cycle-gap"] == "1m30.005s");
    CHECK(tree["main"]["metrics-port"] == 77);
    CHECK(tree["smeshing"]["smeshing-opts"]["smeshing-opts-scrypt"].contains("n"));
    CHECK(tree["smeshing"]["smeshing-proving-opts"].contains("smeshing-opts-proving-randomx-mode"));

    ConfigSources sources;
    sources.file = dir.Write("printed.json", json);
    Config back = Build(sources);
    CHECK(ConfigToJson(back) == json);
    CHECK(back.ignored_keys.empty());
  }
}

// The config of spacemeshos/multiple_post_services_demo (go-spacemesh/config.json), used with
// --preset=standalone.
TEST_CASE("The multiple_post_services_demo config.json loads", "[build][realistic]") {
  TempDir dir;
  ConfigSources sources;
  sources.preset = "standalone";
  sources.file = dir.Write("config.json", R"({
    "main": {
        "layer-duration": "1m",
        "layers-per-epoch": 15
    },
    "poet": {
        "grace-period": "1m",
        "cycle-gap": "7m",
        "phase-shift": "10m",
        "retry-max": 10,
        "retry-delay": "2s"
    },
    "smeshing": {
        "smeshing-start": false,
        "smeshing-opts": {
            "smeshing-opts-scrypt": {
                "n": 16
            }
        }
    },
    "post": {
        "post-labels-per-unit": 1024,
        "post-max-numunits": 32,
        "post-k1": 12,
        "post-k2": 20
    },
    "logging": {
        "grpc": "WARN"
    }
}
)");
  Config c = Build(sources);
  CHECK(c.main.layer_duration == 1min);
  CHECK(c.main.layers_per_epoch == 15);
  CHECK(c.poet.cycle_gap == 7min);
  CHECK(c.poet.retry_delay == 2s);
  CHECK(c.ignored_keys == std::vector<std::string>{"logging.grpc"});
  CHECK(ValidateConfig(c).ok());
}

// A mainnet config.json as smeshers run it: the published config.mainnet.json layout (genesis
// accounts, API service lists, p2p, logging) with a smeshing section, numbers given as strings
// by a tool that edits it.
TEST_CASE("A realistic go-spacemesh mainnet config.json loads", "[build][realistic]") {
  TempDir dir;
  ConfigSources sources;
  sources.file = dir.Write("config.mainnet.json", R"({
  "preset": "mainnet",
  "main": {
    "layer-duration": "5m",
    "layers-per-epoch": 4032,
    "poet-servers": [
      {"address": "https://mainnet-poet-0.spacemesh.network", "pubkey": "cFnqCS5oER7GOX576oPtahlxB/1y95aDibdK7RHQFVg="},
      {"address": "https://poet-110.spacemesh.network", "pubkey": "8Qqgid+37eyY7ik+EA47Nd5TrQjXolbv2Mdgir243No="}
    ],
    "regossip-atx-interval": "2h"
  },
  "post": {"post-labels-per-unit": 4294967296, "post-max-numunits": 1048576},
  "poet": {"cycle-gap": "12h", "info-cache-ttl": "5m"},
  "genesis": {
    "genesis-time": "2023-07-14T08:00:00Z",
    "genesis-extra-data": "00000000000000000001a6bc150307b5c1998045752b3c87eccf3c013036f3cc",
    "accounts": {
      "sm1qqqqqqylyl2l0zsmmax0wnutt4dwnrkcwef5eeq3xladz": 2743200000000000,
      "sm1qqqqqqyp8ueuuh2dgrc2g6ps4xvueyjpky6rfaqnxdy97": 5867100000000000
    }
  },
  "api": {
    "grpc-public-services": ["debug", "global", "mesh", "node", "transaction", "activation"],
    "grpc-public-listener": "0.0.0.0:9092",
    "grpc-private-services": ["smesher", "admin"],
    "grpc-private-listener": "127.0.0.1:9093",
    "grpc-json-listener": "0.0.0.0:9095"
  },
  "p2p": {
    "disable-reuseport": false,
    "p2p-disable-legacy-discovery": true,
    "autoscale-peers": true,
    "bootnodes": [
      "/dns4/mainnet-bootnode-0.spacemesh.network/tcp/5000/p2p/12D3KooWPStnitMbLyWAGr32gHmPr538mT658Thp6zTUujZt3LRf"
    ],
    "min-peers": 30,
    "inbound-fraction": 1.1
  },
  "logging": {"p2p": "error", "log-encoder": "json"},
  "smeshing": {
    "smeshing-opts": {
      "smeshing-opts-datadir": "/data/post/7c8cef2b/",
      "smeshing-opts-maxfilesize": 4294967296,
      "smeshing-opts-numunits": 8,
      "smeshing-opts-provider": 0,
      "smeshing-opts-throttle": false,
      "smeshing-opts-compute-batch-size": 1048576
    },
    "smeshing-coinbase": "sm1qqqqqq99r0r6nrkfyglxgpgvp6nun88xre08k4sz2gk45",
    "smeshing-proving-opts": {
      "smeshing-opts-proving-nonces": "288",
      "smeshing-opts-proving-threads": "6"
    },
    "smeshing-start": true
  }
})");
  sources.flags = {{"main.data-folder", "/var/lib/spacemesh"}, {"p2p.listen", "/ip4/0.0.0.0/tcp/5000"}};
  Config c = Build(sources);
  CHECK(c.preset == "mainnet");
  CHECK(c.main.poet_servers.size() == 2);
  CHECK(c.post.max_numunits == 1048576);
  CHECK(c.api.public_listener == "0.0.0.0:9092");
  CHECK(c.smeshing.opts.datadir == "/data/post/7c8cef2b/");
  CHECK(c.smeshing.opts.numunits == 8);
  CHECK(c.smeshing.opts.provider == 0u);
  CHECK(c.smeshing.proving.nonces == 288);
  CHECK(c.smeshing.proving.threads == 6);
  CHECK(c.smeshing.start);
  CHECK(c.main.data_folder == "/var/lib/spacemesh");
  for (const char* key : {"main.regossip-atx-interval", "poet.info-cache-ttl", "genesis.accounts",
                          "api.grpc-public-services", "api.grpc-private-services", "api.grpc-json-listener",
                          "p2p.bootnodes", "p2p.min-peers", "p2p.listen", "logging.p2p", "logging.log-encoder"}) {
    INFO(key);
    CHECK(Has(c.ignored_keys, key));
  }
  CHECK(ValidateConfig(c).ok());
}

}  // namespace
}  // namespace node
