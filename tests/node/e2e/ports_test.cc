// One server per port: a second node on a port in use exits with 1, naming the setting and the
// address, while the first keeps serving (gRPC would otherwise share the port through
// SO_REUSEPORT and split the post-services between the two).
#include <catch2/catch.hpp>

#include "node_process.h"
#include "test_util.h"

namespace node::test {
namespace {

TEST_CASE("e2e ports: a second node on a port in use exits with 1 and names the address", "[e2e][ports]") {
  post::test::TempDir dir;
  NodeProcess first(dir.path() / "a", {"--filelock", (dir.path() / "a.lock").string()});
  struct Listener {
    std::string name, flag, key;
  };
  for (const Listener& l : {Listener{"post", "--grpc-post-listener", "api.grpc-post-listener"},
                            Listener{"public", "--grpc-public-listener", "api.grpc-public-listener"},
                            Listener{"metrics", "--metrics-listener", "main.metrics-listener"}}) {
    std::vector<std::string> args{"-d", (dir.path() / "b").string(), "--filelock", (dir.path() / "b.lock").string()};
    const std::vector<std::string> listeners = LoopbackListeners();
    args.insert(args.end(), listeners.begin(), listeners.end());
    args.insert(args.end(), {l.flag, first.Address(l.name)});
    const Exit exit = RunToExit(args);
    INFO(exit.output);
    CHECK(exit.code == 1);
    CHECK(exit.output.find(l.key + " " + first.Address(l.name) + ": cannot listen: Address already in use") !=
          std::string::npos);
  }
  CHECK(first.Metrics().find("spacemesh_node_info") != std::string::npos);  // still serving
  first.Stop();
}

}  // namespace
}  // namespace node::test
