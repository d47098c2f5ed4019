// Identity key files as the node loads them at startup (node.md §6): every bad layout stops the
// node with exit code 1 and the reference's message; no key makes local.key; PostStates lists
// every key file by name.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "api_calls.h"
#include "node_process.h"
#include "support/certs.h"
#include "test_util.h"

namespace node::test {
namespace {

void WriteFile(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST_CASE("e2e identities: a bad key layout stops the node with the reason", "[e2e][identities]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  AddIdentity(data, "a.key");
  const std::string a_hex = sm::test::ReadText(data / "identities" / "a.key");
  std::string expected;
  SECTION("bad hex") {
    WriteFile(data / "identities" / "bad.key", "zz" + a_hex.substr(2));
    expected = "failed to construct identity bad.key";
  }
  SECTION("a trailing newline") {
    AddIdentity(data, "b.key");
    WriteFile(data / "identities" / "b.key", sm::test::ReadText(data / "identities" / "b.key") + "\n");
    expected = "failed to construct identity b.key";
  }
  SECTION("the same key in two files") {
    WriteFile(data / "identities" / "copy.key", a_hex);
    expected = "duplicate key found in identity files";
  }
  SECTION("local.key next to other keys") {
    AddIdentity(data, "local.key");
    expected = "supervised key found in remote smeshing mode";
  }
  std::vector<std::string> args{"-d", data.string()};
  for (const auto& flag : LoopbackListeners()) args.push_back(flag);
  const Exit exit = RunToExit(args);
  INFO(exit.output);
  CHECK(exit.code == 1);
  CHECK(exit.output.find("cannot start: ") != std::string::npos);
  CHECK(exit.output.find(expected) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(data / "api.json"));
}

TEST_CASE("e2e identities: with no key the node makes local.key (0600)", "[e2e][identities]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  NodeProcess node(data);
  const auto key = data / "identities" / "local.key";
  REQUIRE(std::filesystem::exists(key));
  struct stat st {};
  REQUIRE(::stat(key.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(sm::test::ReadText(key).size() == 128);
  CHECK(StateNames(node.Channel("post")) == KeyFiles(data));
  CHECK(KeyFiles(data).size() == 1);
  node.Stop();
}

TEST_CASE("e2e identities: PostStates names every key file with its id", "[e2e][identities]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  for (const char* name : {"diskA_post1.key", "diskB_post2.key", "diskC_post3.key"}) AddIdentity(data, name);
  // Not identities: another extension, and a directory whose name ends in .key.
  WriteFile(data / "identities" / "notes.txt", "not a key");
  std::filesystem::create_directories(data / "identities" / "old.key");

  NodeProcess node(data);
  const NamedIds states = StateNames(node.Channel("post"));
  CHECK(states.size() == 3);
  CHECK(states == KeyFiles(data));
  node.Stop();
}

}  // namespace
}  // namespace node::test
