// DataFolder: the instance locks (in-process, across processes, --filelock) and genesis.json.
#include "node/store/data_folder.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace {

using node::DataFolder;
using node::Genesis;
using post::test::TempDir;

std::unique_ptr<DataFolder> MustOpen(const std::filesystem::path& root, const std::filesystem::path& filelock = {}) {
  auto folder = DataFolder::Open(root, filelock);
  INFO(folder.status().ToString());
  REQUIRE(folder.ok());
  return std::move(*folder);
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// RFC 3339 in UTC with seconds: "2026-11-21T10:00:00Z".
bool IsUtcSeconds(const std::string& time) {
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  if (time.size() != shape.size()) return false;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(time[i])) : time[i] != shape[i]) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("DataFolder creates the folder 0700 and a second open in this process fails", "[node][data_folder]") {
  TempDir tmp;
  const auto root = tmp.path() / "a" / "data";
  auto first = MustOpen(root);
  CHECK((std::filesystem::status(root).permissions() & std::filesystem::perms::all) ==
        std::filesystem::perms::owner_all);

  auto second = DataFolder::Open(root, {});
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == base::Status::Code::kAborted);
  const std::string& msg = second.status().message();
  CHECK(Contains(msg, "only one spacemesh instance should be running"));
  CHECK(Contains(msg, (root / "node.lock").string() + " is locked by pid " + std::to_string(::getpid())));

  first.reset();  // the destructor releases the lock
  MustOpen(root);
}

TEST_CASE("DataFolder held by another process names its pid", "[node][data_folder]") {
  TempDir tmp;
  const auto root = tmp.path() / "data";
  int ready[2], release[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(release) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(ready[0]);
    ::close(release[1]);
    auto folder = DataFolder::Open(root, {});
    const char c = folder.ok() ? 'y' : 'n';
    (void)!::write(ready[1], &c, 1);
    char wait;
    (void)!::read(release[0], &wait, 1);  // returns when the parent closes its end
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char c = 0;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  REQUIRE(c == 'y');

  auto held = DataFolder::Open(root, {});
  REQUIRE_FALSE(held.ok());
  CHECK(held.status().code() == base::Status::Code::kAborted);
  CHECK(Contains(held.status().message(), "is locked by pid " + std::to_string(child) + ")"));

  ::close(release[1]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  ::close(ready[0]);
  MustOpen(root);  // the child's exit released the lock
}

TEST_CASE("DataFolder --filelock conflicts across folders and creates its parents", "[node][data_folder]") {
  TempDir tmp;
  const auto lock = tmp.path() / "locks" / "deep" / "spacemesh.lock";
  auto first = MustOpen(tmp.path() / "one", lock);
  CHECK(std::filesystem::exists(lock));

  auto second = DataFolder::Open(tmp.path() / "two", lock);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == base::Status::Code::kAborted);
  CHECK(Contains(second.status().message(), lock.string() + " is locked by pid " + std::to_string(::getpid())));
  // The failed open let go of its own folder's lock.
  MustOpen(tmp.path() / "two");

  first.reset();
  MustOpen(tmp.path() / "two", lock);
}

TEST_CASE("DataFolder --filelock may name the folder's own node.lock", "[node][data_folder]") {
  TempDir tmp;
  const auto root = tmp.path() / "data";
  std::filesystem::create_directories(root);
  std::ofstream(root / "node.lock").put('\n');
  MustOpen(root, root / "node.lock");
}

TEST_CASE("BindGenesis writes genesis.json once, then holds the folder to it", "[node][data_folder]") {
  TempDir tmp;
  const auto root = tmp.path() / "data";
  const Genesis mainnet{"2023-07-14T08:00:00Z", "00000000000000000001a6bc150307b5"};
  {
    auto folder = MustOpen(root);
    auto bound = folder->BindGenesis(mainnet);
    REQUIRE(bound.ok());
    CHECK(bound->time == mainnet.time);
    CHECK(bound->extra_data == mainnet.extra_data);
  }
  std::ifstream in(root / "genesis.json");
  const auto json = nlohmann::json::parse(in);
  CHECK(json == nlohmann::json{{"genesis-time", mainnet.time}, {"extra-data", mainnet.extra_data}});
  CHECK_FALSE(std::filesystem::exists((root / "genesis.json.tmp.").string() + std::to_string(::getpid())));

  auto folder = MustOpen(root);
  SECTION("the same genesis binds again") { CHECK(folder->BindGenesis(mainnet).ok()); }
  SECTION("an empty time adopts the stored one") {
    auto bound = folder->BindGenesis({"", mainnet.extra_data});
    REQUIRE(bound.ok());
    CHECK(bound->time == mainnet.time);
  }
  SECTION("another time is refused with both values") {
    auto bound = folder->BindGenesis({"2024-01-01T00:00:00Z", mainnet.extra_data});
    REQUIRE_FALSE(bound.ok());
    CHECK(bound.status().code() == base::Status::Code::kInvalidArgument);
    CHECK(bound.status().message() ==
          "genesis config updated after node initialization (stored 2023-07-14T08:00:00Z/"
          "00000000000000000001a6bc150307b5, configured 2024-01-01T00:00:00Z/00000000000000000001a6bc150307b5)");
  }
  SECTION("other extra data is refused, even with an empty time") {
    auto bound = folder->BindGenesis({"", "standalone"});
    REQUIRE_FALSE(bound.ok());
    CHECK(bound.status().code() == base::Status::Code::kInvalidArgument);
    CHECK(Contains(bound.status().message(), "genesis config updated after node initialization"));
  }
}

TEST_CASE("BindGenesis with no time and none stored starts now", "[node][data_folder]") {
  TempDir tmp;
  auto folder = MustOpen(tmp.path() / "data");
  auto bound = folder->BindGenesis({"", "standalone"});
  REQUIRE(bound.ok());
  CHECK(IsUtcSeconds(bound->time));
  auto again = folder->BindGenesis({"", "standalone"});
  REQUIRE(again.ok());
  CHECK(again->time == bound->time);
}

TEST_CASE("BindGenesis reports a damaged genesis.json", "[node][data_folder]") {
  TempDir tmp;
  auto folder = MustOpen(tmp.path() / "data");
  std::ofstream(tmp.path() / "data" / "genesis.json") << "{\"genesis-time\": 5}";
  auto bound = folder->BindGenesis({"2023-07-14T08:00:00Z", ""});
  REQUIRE_FALSE(bound.ok());
  CHECK(bound.status().code() == base::Status::Code::kCorruption);
  CHECK(Contains(bound.status().message(), "genesis.json"));
}
