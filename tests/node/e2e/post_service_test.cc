// A real post-service binary registers with the node: the node's identity key and the service's
// PoS data (the tiny data set's layout, initialized for that key) name the same node id.
#include <signal.h>

#include <catch2/catch.hpp>

#include "harness.h"
#include "node_process.h"
#include "post/initialize.h"
#include "post/labels.h"
#include "tiny_dataset.h"

namespace node::test {
namespace {

// Initializes PoS data with the tiny data set's layout and scrypt N for `node_id` into `dir`.
void InitTinyData(const std::filesystem::path& dir, const base::Hash32& node_id) {
  const auto vectors = post::test::LoadVectors("postdata-tiny.json")["dataset"];
  post::InitRequest request{post::test::TinyLayout(vectors), vectors["scrypt"]["n"], std::nullopt};
  request.layout.node_id = node_id;
  auto generator =
      post::MakeCpuGenerator(post::Commitment(node_id, request.layout.commitment_atx_id), request.scrypt_n, 1);
  REQUIRE(post::Initialize(dir, request, *generator).ok());
}

TEST_CASE("e2e post-service: a real post-service registers and shows as connected", "[e2e][post-service]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  const post::Identity identity = AddIdentity(data, "tiny.key");
  InitTinyData(dir.path() / "post", identity.node_id());
  NodeProcess node(data);

  post_service::test::ServiceProcess service(
      post_service::test::TinyArgs(dir.path() / "post", "http://" + node.Address("post")), true);
  INFO(service.process().Output());
  CHECK(sm::test::PollUntil([&] { return ConnectedMetric(node.Metrics(), identity.node_id()) == 1; }));
  // The node asks for the initial post at once: the service proves it and then has it done.
  CHECK(sm::test::PollUntil(
      [&] { return sm::test::HttpGet(service.operator_port(), "/status") == std::optional<std::string>(R"("DoneProving")"); }));

  service.process().Signal(SIGINT);
  CHECK(service.process().Wait(kTimeout) == 0);
  CHECK(sm::test::PollUntil([&] { return ConnectedMetric(node.Metrics(), identity.node_id()) == 0; }));
  node.Stop();
}

}  // namespace
}  // namespace node::test
