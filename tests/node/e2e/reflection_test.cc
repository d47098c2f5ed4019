// Server reflection on every listener lists exactly that listener's services (node.md §5), as
// grpcurl would see them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "node_process.h"
#include "reflection_client.h"
#include "test_util.h"

namespace node::test {
namespace {

// The spacemesh.v1 services among `names`.
std::vector<std::string> SpacemeshServices(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    if (name.starts_with("spacemesh.v1.")) out.push_back(name);
  }
  return out;
}

TEST_CASE("e2e reflection: each listener lists its own services", "[e2e][reflection]") {
  post::test::TempDir dir;
  NodeProcess node(dir.path() / "data");
  const std::map<std::string, std::vector<std::string>> expected = {
      {"public", {"spacemesh.v1.ActivationService", "spacemesh.v1.NodeService"}},
      {"private", {"spacemesh.v1.AdminService", "spacemesh.v1.SmesherService"}},
      {"post", {"spacemesh.v1.PostInfoService", "spacemesh.v1.PostService"}}};
  for (const auto& [listener, services] : expected) {
    INFO(listener);
    const ServiceList list = ListServices(node.Channel(listener));
    INFO(list.status.error_message());
    REQUIRE(list.status.ok());
    CHECK(SpacemeshServices(list.names) == services);
    CHECK(std::count(list.names.begin(), list.names.end(), "grpc.reflection.v1alpha.ServerReflection") == 1);
  }
  node.Stop();
}

}  // namespace
}  // namespace node::test
