// One node per data folder and per --filelock: a second node on either exits with 1 and says why,
// while nodes on different folders and locks run side by side.
#include <catch2/catch.hpp>

#include "node_process.h"
#include "test_util.h"

namespace node::test {
namespace {

// A node that must fail to start: its exit code is 1 and its output says another node runs.
void ExpectLocked(const std::filesystem::path& data, const std::vector<std::string>& flags) {
  std::vector<std::string> args{"-d", data.string()};
  for (const auto& list : {LoopbackListeners(), flags}) args.insert(args.end(), list.begin(), list.end());
  const Exit exit = RunToExit(args);
  INFO(exit.output);
  CHECK(exit.code == 1);
  CHECK(exit.output.find("cannot start: ") != std::string::npos);
  CHECK(exit.output.find("only one spacemesh instance") != std::string::npos);
}

TEST_CASE("e2e lock: a second node on the same data folder exits with 1", "[e2e][lock]") {
  post::test::TempDir dir;
  NodeProcess first(dir.path() / "data");
  ExpectLocked(dir.path() / "data", {});
  CHECK(first.Metrics().find("spacemesh_node_info") != std::string::npos);  // still serving
  first.Stop();
}

TEST_CASE("e2e lock: a second node with the same --filelock exits with 1", "[e2e][lock]") {
  post::test::TempDir dir;
  const std::string lock = (dir.path() / "spacemesh.lock").string();
  NodeProcess first(dir.path() / "a", {"--filelock", lock});
  ExpectLocked(dir.path() / "b", {"--filelock", lock});
  first.Stop();
}

TEST_CASE("e2e lock: nodes on different folders and locks run side by side", "[e2e][lock]") {
  post::test::TempDir dir;
  NodeProcess a(dir.path() / "a", {"--filelock", (dir.path() / "a.lock").string()});
  NodeProcess b(dir.path() / "b", {"--filelock", (dir.path() / "b.lock").string()});
  CHECK(a.Address("post") != b.Address("post"));
  a.Stop();
  b.Stop();
}

}  // namespace
}  // namespace node::test
