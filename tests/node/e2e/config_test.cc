// Configuration layering as the binary resolves it (--print-config): preset, then the config
// file (YAML, or JSON with the reference's key names), then flags; bad keys exit with 2.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "node_process.h"
#include "test_util.h"

namespace node::test {
namespace {

using nlohmann::json;

void WriteFile(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

// The resolved configuration that `spacemesh-node args... --print-config` prints.
json PrintConfig(std::vector<std::string> args) {
  args.push_back("--print-config");
  const Exit exit = RunToExit(args);
  INFO(exit.output);
  REQUIRE(exit.code == 0);
  return json::parse(exit.output.substr(exit.output.find('{')));
}

TEST_CASE("e2e config: preset < YAML file < flags", "[e2e][config]") {
  post::test::TempDir dir;
  const auto file = dir.path() / "node.yaml";
  WriteFile(file,
            "main:\n"
            "  layers-per-epoch: 7\n"
            "post:\n"
            "  post-k1: 11\n"
            "  post-k2: 30\n"
            "poet:\n"
            "  cycle-gap: 20s\n");

  SECTION("standalone preset under the file and the flags") {
    const json config = PrintConfig({"-c", file.string(), "--post-k2", "25"});
    CHECK(config["preset"] == "standalone");
    CHECK(config["main"]["layer-duration"] == "6s");  // preset
    CHECK(config["main"]["layers-per-epoch"] == 7);   // file over preset
    CHECK(config["post"]["post-k1"] == 11);           // file over preset
    CHECK(config["post"]["post-k2"] == 25);           // flag over file
    CHECK(config["poet"]["cycle-gap"] == "20s");      // file
    CHECK(config["poet"]["phase-shift"] == "30s");    // preset
  }
  SECTION("-p mainnet under the same file") {
    const json config = PrintConfig({"-p", "mainnet", "-c", file.string()});
    CHECK(config["preset"] == "mainnet");
    CHECK(config["main"]["layer-duration"] == "5m0s");
    CHECK(config["main"]["layers-per-epoch"] == 7);
    CHECK(config["post"]["post-k1"] == 11);
    CHECK(config["post"]["post-k3"] == 1);
    CHECK(config["post"]["post-labels-per-unit"] == 4294967296ULL);
    CHECK(config["genesis"]["genesis-time"] == "2023-07-14T08:00:00Z");
  }
}

TEST_CASE("e2e config: a JSON file with the reference's key names", "[e2e][config]") {
  post::test::TempDir dir;
  const auto file = dir.path() / "config.json";
  // As go-spacemesh reads it (node.md §9): preset in the file, nested smeshing options, the
  // scrypt fields by name, and sections this node does not have (p2p, logging).
  WriteFile(file, R"({
    "preset": "standalone",
    "main": {"layer-duration": "1m", "layers-per-epoch": 15},
    "poet": {"phase-shift": "10m", "cycle-gap": "7m", "grace-period": "1m"},
    "post": {"post-labels-per-unit": 2048, "post-max-numunits": 32, "post-k1": 12, "post-k2": 20},
    "api": {"grpc-post-listener": "127.0.0.1:0"},
    "smeshing": {
      "smeshing-start": false,
      "smeshing-opts": {"smeshing-opts-numunits": 4, "smeshing-opts-scrypt": {"n": 32}},
      "smeshing-proving-opts": {"smeshing-opts-proving-nonces": 64, "smeshing-opts-proving-threads": 2}
    },
    "p2p": {"listen": "/ip4/0.0.0.0/tcp/7513"},
    "logging": {"grpc": "warn"}
  })");
  const json config = PrintConfig({"-c", file.string()});
  CHECK(config["preset"] == "standalone");
  CHECK(config["main"]["layer-duration"] == "1m0s");
  CHECK(config["main"]["layers-per-epoch"] == 15);
  CHECK(config["poet"]["phase-shift"] == "10m0s");
  CHECK(config["poet"]["cycle-gap"] == "7m0s");
  CHECK(config["post"]["post-labels-per-unit"] == 2048);
  CHECK(config["api"]["grpc-post-listener"] == "127.0.0.1:0");
  CHECK(config["smeshing"]["smeshing-opts"]["smeshing-opts-numunits"] == 4);
  CHECK(config["smeshing"]["smeshing-opts"]["smeshing-opts-scrypt"]["n"] == 32);
  CHECK(config["smeshing"]["smeshing-proving-opts"]["smeshing-opts-proving-nonces"] == 64);
  CHECK(config["smeshing"]["smeshing-proving-opts"]["smeshing-opts-proving-threads"] == 2);
}

TEST_CASE("e2e config: unknown keys and bad values exit with 2 and name the key", "[e2e][config]") {
  post::test::TempDir dir;
  struct Case {
    std::string file_name, text, key;
  };
  const auto [file_name, text, key] =
      GENERATE(Case{"unknown.yaml", "post:\n  post-k9: 3\n", "post.post-k9"},
               Case{"unknown.json", R"({"smeshing": {"smeshing-opts": {"smeshing-opts-colour": "red"}}})",
                    "smeshing.smeshing-opts.smeshing-opts-colour"},
               Case{"bad-duration.yaml", "poet:\n  cycle-gap: 12x\n", "poet.cycle-gap"});
  const auto file = dir.path() / file_name;
  WriteFile(file, text);
  const Exit exit = RunToExit({"-c", file.string(), "--print-config"});
  INFO(exit.output);
  CHECK(exit.code == 2);
  CHECK(exit.output.find("spacemesh-node: ") != std::string::npos);
  CHECK(exit.output.find(key) != std::string::npos);
}

TEST_CASE("e2e config: an unknown flag exits with 2", "[e2e][config]") {
  const Exit exit = RunToExit({"--no-such-flag", "1"});
  INFO(exit.output);
  CHECK(exit.code == 2);
  CHECK(exit.output.find("spacemesh-node: ") != std::string::npos);
  CHECK(exit.output.find("--no-such-flag") != std::string::npos);
}

}  // namespace
}  // namespace node::test
