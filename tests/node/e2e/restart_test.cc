// A node stopped and started again on the same data folder is the same node: same identities
// (local.key is not made anew), same genesis; a changed genesis is refused.
#include <catch2/catch.hpp>

#include "api_calls.h"
#include "node_process.h"
#include "support/certs.h"
#include "test_util.h"

namespace node::test {
namespace {

// What a client can see of the node's identities and network.
struct Observed {
  NamedIds post_states;
  std::vector<base::Hash32> smesher_ids;
  std::string genesis_json;

  bool operator==(const Observed&) const = default;
};

Observed Observe(const NodeProcess& node, const std::filesystem::path& data) {
  return {StateNames(node.Channel("post")), SmesherIds(node.Channel("private")),
          sm::test::ReadText(data / "genesis.json")};
}

TEST_CASE("e2e restart: identities and genesis survive a restart", "[e2e][restart]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  SECTION("remote identities") {
    AddIdentity(data, "a.key");
    AddIdentity(data, "b.key");
  }
  SECTION("local.key made by the first start") {}

  Observed before;
  {
    NodeProcess node(data);
    before = Observe(node, data);
    node.Stop();
  }
  CHECK(!before.post_states.empty());
  CHECK(before.post_states == KeyFiles(data));
  CHECK(before.genesis_json.find("standalone") != std::string::npos);

  NodeProcess again(data);
  CHECK(Observe(again, data) == before);
  again.Stop();
}

TEST_CASE("e2e restart: a changed genesis is refused", "[e2e][restart]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  {
    NodeProcess node(data);
    node.Stop();
  }
  const std::string genesis = sm::test::ReadText(data / "genesis.json");
  std::vector<std::string> args{"-d", data.string(), "--genesis-extra-data", "another-network"};
  for (const auto& flag : LoopbackListeners()) args.push_back(flag);
  const Exit exit = RunToExit(args);
  INFO(exit.output);
  CHECK(exit.code == 1);
  CHECK(exit.output.find("cannot start: ") != std::string::npos);
  CHECK(exit.output.find("genesis config updated after node initialization") != std::string::npos);
  CHECK(sm::test::ReadText(data / "genesis.json") == genesis);  // left as it was
}

}  // namespace
}  // namespace node::test
