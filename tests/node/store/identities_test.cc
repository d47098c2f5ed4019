// LoadIdentities and IsSupervised: the reference's key-file rules (reference/node.md §6).
#include "node/store/identities.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "test_util.h"

namespace {

using node::LoadIdentities;
using post::test::TempDir;

post::Identity NewIdentity() {
  auto identity = post::GenerateIdentity();
  REQUIRE(identity.ok());
  return *identity;
}

void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string KeyHex(const post::Identity& identity) { return base::ToHex(identity.private_key); }

mode_t Mode(const std::filesystem::path& path) {
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// The error of loading `dir`, which must fail.
base::Status LoadError(const std::filesystem::path& dir) {
  auto loaded = LoadIdentities(dir);
  REQUIRE_FALSE(loaded.ok());
  return loaded.status();
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("LoadIdentities reads every .key file, sorted by name", "[node][identities]") {
  TempDir tmp;
  const auto dir = tmp.path() / "identities";
  const auto b = NewIdentity(), a = NewIdentity(), c = NewIdentity();
  REQUIRE(post::SaveIdentityKey(dir / "b.key", b).ok());
  REQUIRE(post::SaveIdentityKey(dir / "a.key", a).ok());
  REQUIRE(post::SaveIdentityKey(dir / "c.key", c).ok());
  // Skipped: other extensions, a subdirectory even when named *.key, keys in a subdirectory.
  WriteFile(dir / "notes.txt", "hello");
  WriteFile(dir / "d.key.bak", KeyHex(NewIdentity()));
  WriteFile(dir / "e.KEY", KeyHex(NewIdentity()));
  std::filesystem::create_directories(dir / "sub.key");
  REQUIRE(post::SaveIdentityKey(dir / "nested" / "f.key", NewIdentity()).ok());

  auto loaded = LoadIdentities(dir);
  INFO(loaded.status().ToString());
  REQUIRE(loaded.ok());
  REQUIRE(loaded->size() == 3);
  CHECK((*loaded)[0].name == "a.key");
  CHECK((*loaded)[1].name == "b.key");
  CHECK((*loaded)[2].name == "c.key");
  CHECK((*loaded)[0].node_id() == a.node_id());
  CHECK((*loaded)[1].identity.private_key == b.private_key);
  CHECK((*loaded)[2].node_id() == c.node_id());
  for (const auto& id : *loaded) CHECK_FALSE(id.world_readable);
  CHECK_FALSE(node::IsSupervised(*loaded));
}

TEST_CASE("LoadIdentities flags key files that group or others can read", "[node][identities]") {
  TempDir tmp;
  const auto dir = tmp.path();
  REQUIRE(post::SaveIdentityKey(dir / "open.key", NewIdentity()).ok());
  REQUIRE(post::SaveIdentityKey(dir / "group.key", NewIdentity()).ok());
  REQUIRE(post::SaveIdentityKey(dir / "private.key", NewIdentity()).ok());
  REQUIRE(::chmod((dir / "open.key").c_str(), 0644) == 0);
  REQUIRE(::chmod((dir / "group.key").c_str(), 0640) == 0);

  auto loaded = LoadIdentities(dir);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->size() == 3);
  CHECK((*loaded)[0].name == "group.key");
  CHECK((*loaded)[0].world_readable);
  CHECK((*loaded)[1].name == "open.key");
  CHECK((*loaded)[1].world_readable);
  CHECK((*loaded)[2].name == "private.key");
  CHECK_FALSE((*loaded)[2].world_readable);
}

TEST_CASE("LoadIdentities refuses a bad key file and names it", "[node][identities]") {
  TempDir tmp;
  const auto dir = tmp.path();
  const auto good = NewIdentity();
  REQUIRE(post::SaveIdentityKey(dir / "a_good.key", good).ok());
  std::string hex = KeyHex(NewIdentity());

  SECTION("not hex") {
    hex[7] = 'g';
    WriteFile(dir / "bad.key", hex);
  }
  SECTION("a trailing newline (129 bytes)") { WriteFile(dir / "bad.key", hex + "\n"); }
  SECTION("CRLF") { WriteFile(dir / "bad.key", hex + "\r\n"); }
  SECTION("short") { WriteFile(dir / "bad.key", hex.substr(0, 126)); }
  SECTION("public half of another key") { WriteFile(dir / "bad.key", hex.substr(0, 64) + KeyHex(good).substr(64)); }
  const base::Status error = LoadError(dir);
  CHECK(error.code() == base::Status::Code::kCorruption);
  CHECK(error.message().starts_with("failed to construct identity bad.key: "));
}

TEST_CASE("LoadIdentities refuses one key under two names", "[node][identities]") {
  TempDir tmp;
  const auto same = NewIdentity();
  REQUIRE(post::SaveIdentityKey(tmp.path() / "first.key", same).ok());
  REQUIRE(post::SaveIdentityKey(tmp.path() / "other.key", NewIdentity()).ok());
  REQUIRE(post::SaveIdentityKey(tmp.path() / "second.key", same).ok());
  const base::Status error = LoadError(tmp.path());
  CHECK(error.code() == base::Status::Code::kInvalidArgument);
  CHECK(error.message() == "duplicate key found in identity files (first.key and second.key)");
}

TEST_CASE("LoadIdentities refuses local.key among other keys", "[node][identities]") {
  TempDir tmp;
  REQUIRE(post::SaveIdentityKey(tmp.path() / "local.key", NewIdentity()).ok());
  REQUIRE(post::SaveIdentityKey(tmp.path() / "remote1.key", NewIdentity()).ok());
  REQUIRE(post::SaveIdentityKey(tmp.path() / "remote2.key", NewIdentity()).ok());
  const base::Status error = LoadError(tmp.path());
  CHECK(error.code() == base::Status::Code::kInvalidArgument);
  CHECK(error.message() == "supervised key found in remote smeshing mode (local.key with 2 other keys)");
}

TEST_CASE("LoadIdentities: local.key alone is supervised", "[node][identities]") {
  TempDir tmp;
  const auto local = NewIdentity();
  REQUIRE(post::SaveIdentityKey(tmp.path() / "local.key", local).ok());
  auto loaded = LoadIdentities(tmp.path());
  REQUIRE(loaded.ok());
  REQUIRE(loaded->size() == 1);
  CHECK((*loaded)[0].node_id() == local.node_id());
  CHECK(node::IsSupervised(*loaded));
}

TEST_CASE("IsSupervised is exactly one key named local.key", "[node][identities]") {
  const node::NamedIdentity local{"local.key", NewIdentity()}, other{"a.key", NewIdentity()};
  CHECK(node::IsSupervised({local}));
  CHECK_FALSE(node::IsSupervised({other}));
  CHECK_FALSE(node::IsSupervised({other, local}));
  CHECK_FALSE(node::IsSupervised({}));
}

TEST_CASE("LoadIdentities creates local.key when there is no key", "[node][identities]") {
  TempDir tmp;
  std::filesystem::path dir;
  SECTION("missing directory") { dir = tmp.path() / "data" / "identities"; }
  SECTION("empty directory") {
    dir = tmp.path() / "identities";
    std::filesystem::create_directories(dir);
    REQUIRE(::chmod(dir.c_str(), 0755) == 0);
  }
  SECTION("directory with other files only") {
    dir = tmp.path() / "identities";
    std::filesystem::create_directories(dir / "old.key");
    WriteFile(dir / "key.bin", "legacy");
  }
  auto loaded = LoadIdentities(dir);
  INFO(loaded.status().ToString());
  REQUIRE(loaded.ok());
  REQUIRE(loaded->size() == 1);
  CHECK((*loaded)[0].name == "local.key");
  CHECK_FALSE((*loaded)[0].world_readable);
  CHECK(node::IsSupervised(*loaded));
  CHECK(Mode(dir) == 0700);
  CHECK(Mode(dir / "local.key") == 0600);

  // The next start reads the same key back.
  auto again = LoadIdentities(dir);
  REQUIRE(again.ok());
  REQUIRE(again->size() == 1);
  CHECK((*again)[0].identity.private_key == (*loaded)[0].identity.private_key);
}

TEST_CASE("LoadIdentities reports an unreadable directory", "[node][identities]") {
  TempDir tmp;
  WriteFile(tmp.path() / "identities", "a file, not a directory");
  const base::Status error = LoadError(tmp.path() / "identities");
  CHECK(Contains(error.message(), (tmp.path() / "identities").string()));
}
