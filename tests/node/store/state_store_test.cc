// StateStore: round trips, the cycle resets, the ATX queries, reopening and damaged records.
#include "node/store/state_store.h"

#include <rocksdb/db.h>

#include <catch2/catch.hpp>
#include <algorithm>

#include "store_test_util.h"
#include "test_util.h"

namespace {

using namespace node;
using node::test::Id;
using post::test::TempDir;

std::unique_ptr<StateStore> MustOpen(const std::filesystem::path& dir) {
  auto store = StateStore::Open(dir);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(*store);
}

template <typename T>
T Must(base::Result<T> result) {
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return std::move(*result);
}

void MustOk(const base::Status& status) {
  INFO(status.ToString());
  REQUIRE(status.ok());
}

std::string Raw(const base::Hash32& id) { return std::string(reinterpret_cast<const char*>(id.data()), 32); }

// Direct access to the database under a closed store, to damage records.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& dir) {
    rocksdb::DB* db = nullptr;
    const rocksdb::Status s = rocksdb::DB::Open(rocksdb::Options(), dir.string(), &db);
    INFO(s.ToString());
    REQUIRE(s.ok());
    db_.reset(db);
  }
  std::string Get(const std::string& key) {
    std::string value;
    REQUIRE(db_->Get(rocksdb::ReadOptions(), key, &value).ok());
    return value;
  }
  void Put(const std::string& key, const std::string& value) {
    REQUIRE(db_->Put(rocksdb::WriteOptions(), key, value).ok());
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
};

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("StateStore round-trips every table", "[node][state_store]") {
  TempDir tmp;
  auto store = MustOpen(tmp.path() / "state");
  const auto node = Id(1), other = Id(2);

  CHECK_FALSE(Must(store->GetInitialPost(node)).has_value());
  CHECK_FALSE(Must(store->GetChallenge(node)).has_value());
  CHECK(Must(store->GetPoetRegistrations(node)).empty());
  CHECK_FALSE(Must(store->GetNipost(node)).has_value());
  CHECK_FALSE(Must(store->GetAtx(Id(3))).has_value());

  SECTION("initial post") {
    MustOk(store->PutInitialPost(node, test::SampleInitialPost(5)));
    CHECK(Must(store->GetInitialPost(node)) == test::SampleInitialPost(5));
    CHECK_FALSE(Must(store->GetInitialPost(other)).has_value());
    MustOk(store->PutInitialPost(node, test::SampleInitialPost(6)));  // replaces
    CHECK(Must(store->GetInitialPost(node)) == test::SampleInitialPost(6));
    MustOk(store->DeleteInitialPost(node));
    CHECK_FALSE(Must(store->GetInitialPost(node)).has_value());
  }
  SECTION("challenge, with and without the first-ATX fields") {
    const auto first = test::SampleChallenge(4), later = test::SampleChallenge(5);
    REQUIRE(first.commitment_atx.has_value());
    REQUIRE_FALSE(later.commitment_atx.has_value());
    MustOk(store->PutChallenge(node, first));
    MustOk(store->PutChallenge(other, later));
    CHECK(Must(store->GetChallenge(node)) == first);
    CHECK(Must(store->GetChallenge(other)) == later);
  }
  SECTION("PoET registrations: one per address, in address order") {
    MustOk(store->PutPoetRegistration(node, test::SampleRegistration(1, "https://poet-b.example:443")));
    MustOk(store->PutPoetRegistration(node, test::SampleRegistration(2, "http://127.0.0.1:10010")));
    MustOk(store->PutPoetRegistration(node, test::SampleRegistration(3, "https://poet-b.example:443")));
    MustOk(store->PutPoetRegistration(other, test::SampleRegistration(4, "http://127.0.0.1:10010")));
    const auto registrations = Must(store->GetPoetRegistrations(node));
    REQUIRE(registrations.size() == 2);
    CHECK(registrations[0] == test::SampleRegistration(2, "http://127.0.0.1:10010"));
    CHECK(registrations[1] == test::SampleRegistration(3, "https://poet-b.example:443"));
    CHECK(Must(store->GetPoetRegistrations(other)).size() == 1);
  }
  SECTION("NIPoST") {
    MustOk(store->PutNipost(node, test::SampleNipost(8)));
    CHECK(Must(store->GetNipost(node)) == test::SampleNipost(8));
    CHECK_FALSE(Must(store->GetNipost(other)).has_value());
  }
  SECTION("ATX") {
    const Atx atx = test::SampleAtx(9, node, 3, 100, 20);
    MustOk(store->PublishAtx(atx));
    CHECK(Must(store->GetAtx(atx.id)) == atx);
  }
}

TEST_CASE("StateStore::ResetCycle drops one identity's challenge, registrations and NIPoST", "[node][state_store]") {
  TempDir tmp;
  auto store = MustOpen(tmp.path());
  for (const auto& node : {Id(1), Id(2)}) {
    MustOk(store->PutInitialPost(node, test::SampleInitialPost(1)));
    MustOk(store->PutChallenge(node, test::SampleChallenge(1)));
    MustOk(store->PutPoetRegistration(node, test::SampleRegistration(1, "http://a")));
    MustOk(store->PutPoetRegistration(node, test::SampleRegistration(2, "http://b")));
    MustOk(store->PutNipost(node, test::SampleNipost(1)));
  }
  MustOk(store->ResetCycle(Id(1)));
  CHECK_FALSE(Must(store->GetChallenge(Id(1))).has_value());
  CHECK(Must(store->GetPoetRegistrations(Id(1))).empty());
  CHECK_FALSE(Must(store->GetNipost(Id(1))).has_value());
  CHECK(Must(store->GetInitialPost(Id(1))).has_value());  // the initial post stays

  CHECK(Must(store->GetChallenge(Id(2))).has_value());
  CHECK(Must(store->GetPoetRegistrations(Id(2))).size() == 2);
  CHECK(Must(store->GetNipost(Id(2))).has_value());

  MustOk(store->ResetCycle(Id(1)));  // nothing left to drop is fine
}

TEST_CASE("StateStore::PublishAtx stores the ATX and resets the owner's cycle", "[node][state_store]") {
  TempDir tmp;
  auto store = MustOpen(tmp.path());
  const auto node = Id(1), other = Id(2);
  for (const auto& id : {node, other}) {
    MustOk(store->PutChallenge(id, test::SampleChallenge(2)));
    MustOk(store->PutPoetRegistration(id, test::SampleRegistration(1, "http://a")));
    MustOk(store->PutNipost(id, test::SampleNipost(2)));
  }
  MustOk(store->PutInitialPost(node, test::SampleInitialPost(3)));
  const Atx atx = test::SampleAtx(1, node, 4, 10, 5);
  MustOk(store->PublishAtx(atx));

  CHECK(Must(store->GetAtx(atx.id)) == atx);
  CHECK(Must(store->LatestAtx(node)) == atx);
  CHECK_FALSE(Must(store->GetChallenge(node)).has_value());
  CHECK(Must(store->GetPoetRegistrations(node)).empty());
  CHECK_FALSE(Must(store->GetNipost(node)).has_value());
  CHECK(Must(store->GetInitialPost(node)).has_value());
  CHECK(Must(store->GetChallenge(other)).has_value());
  CHECK(Must(store->GetPoetRegistrations(other)).size() == 1);
  CHECK(Must(store->GetNipost(other)).has_value());
}

TEST_CASE("StateStore::PublishAtx never stores two ATXs of one identity for one epoch", "[node][state_store]") {
  TempDir tmp;
  auto store = MustOpen(tmp.path());
  const Atx first = test::SampleAtx(1, Id(1), 4, 10, 5);
  MustOk(store->PublishAtx(first));
  MustOk(store->PublishAtx(first));  // the same ATX again (a restart republishing it) is fine
  Atx second = test::SampleAtx(2, Id(1), 4, 10, 5);
  const base::Status refused = store->PublishAtx(second);
  CHECK(refused.code() == base::Status::Code::kAlreadyExists);
  CHECK_THAT(refused.message(), Catch::Contains("already has ATX " + base::ToHex(first.id)) &&
                                    Catch::Contains("publish epoch 4"));
  CHECK_FALSE(Must(store->GetAtx(second.id)).has_value());
  MustOk(store->PublishAtx(test::SampleAtx(3, Id(1), 5, 10, 5)));  // the next epoch is fine
  MustOk(store->PublishAtx(test::SampleAtx(4, Id(2), 4, 10, 5)));  // and another identity
  std::vector<base::Hash32> ids;
  MustOk(store->ForEachAtx([&](const Atx& atx) {
    ids.push_back(atx.id);
    return base::Status::Ok();
  }));
  CHECK(ids.size() == 3);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
}

TEST_CASE("StateStore keeps PoET proofs by ref", "[node][state_store]") {
  TempDir tmp;
  {
    auto store = MustOpen(tmp.path());
    MustOk(store->PutPoetProof(Id(5), "message five"));
    MustOk(store->PutPoetProof(Id(3), std::string("three\0", 6)));
    CHECK_FALSE(Must(store->GetPoetProof(Id(4))).has_value());
  }
  auto store = MustOpen(tmp.path());
  CHECK(Must(store->GetPoetProof(Id(5))) == "message five");
  std::vector<std::pair<base::Hash32, std::string>> all;
  MustOk(store->ForEachPoetProof([&](const base::Hash32& ref, const std::string& message) {
    all.emplace_back(ref, message);
    return base::Status::Ok();
  }));
  REQUIRE(all.size() == 2);
  CHECK(all[0].first == std::min(Id(3), Id(5)));
}

TEST_CASE("StateStore::LatestAtx is the owner's ATX of the highest publish epoch", "[node][state_store]") {
  TempDir tmp;
  auto store = MustOpen(tmp.path());
  // Node ids that differ only in the last byte: one's index must not leak into the other's.
  base::Hash32 node = Id(1), next = node, before = node;
  node[31] = 0x80;
  next[31] = 0x81;
  before[31] = 0x7f;
  CHECK_FALSE(Must(store->LatestAtx(node)).has_value());

  MustOk(store->PublishAtx(test::SampleAtx(1, node, 2, 0, 1)));
  MustOk(store->PublishAtx(test::SampleAtx(2, node, 300, 0, 1)));  // 300 > 255: byte order is epoch order
  MustOk(store->PublishAtx(test::SampleAtx(3, node, 7, 0, 1)));
  MustOk(store->PublishAtx(test::SampleAtx(4, before, 500, 0, 1)));
  CHECK(Must(store->LatestAtx(node)) == test::SampleAtx(2, node, 300, 0, 1));
  CHECK_FALSE(Must(store->LatestAtx(next)).has_value());
  CHECK(Must(store->LatestAtx(before))->publish_epoch == 500);
}

TEST_CASE("StateStore::HighestAtx follows the reference rule", "[node][state_store]") {
  TempDir tmp;
  auto store = MustOpen(tmp.path());
  CHECK_FALSE(Must(store->HighestAtx()).has_value());

  SECTION("one epoch, epoch 0") {
    MustOk(store->PublishAtx(test::SampleAtx(1, Id(1), 0, 5, 5)));
    MustOk(store->PublishAtx(test::SampleAtx(2, Id(2), 0, 5, 6)));
    CHECK(Must(store->HighestAtx())->id == test::SampleAtx(2, Id(2), 0, 5, 6).id);
  }
  SECTION("only the newest two epochs count") {
    MustOk(store->PublishAtx(test::SampleAtx(1, Id(1), 2, 1000, 1)));  // highest, but too old
    MustOk(store->PublishAtx(test::SampleAtx(2, Id(2), 3, 40, 10)));   // 50
    MustOk(store->PublishAtx(test::SampleAtx(3, Id(3), 4, 30, 15)));   // 45
    CHECK(Must(store->HighestAtx())->id == test::SampleAtx(2, Id(2), 3, 40, 10).id);

    // Epoch 5 moves the window to {4, 5}: epoch 3's 50 drops out.
    MustOk(store->PublishAtx(test::SampleAtx(4, Id(4), 5, 10, 10)));  // 20
    CHECK(Must(store->HighestAtx())->id == test::SampleAtx(3, Id(3), 4, 30, 15).id);
  }
  SECTION("equal heights go to the newer epoch") {
    MustOk(store->PublishAtx(test::SampleAtx(1, Id(1), 7, 60, 40)));  // 100
    MustOk(store->PublishAtx(test::SampleAtx(2, Id(2), 8, 90, 10)));  // 100
    MustOk(store->PublishAtx(test::SampleAtx(3, Id(3), 7, 99, 0)));   // 99
    CHECK(Must(store->HighestAtx())->id == test::SampleAtx(2, Id(2), 8, 90, 10).id);
  }
  SECTION("epochs past 255 order numerically") {
    MustOk(store->PublishAtx(test::SampleAtx(1, Id(1), 255, 500, 0)));
    MustOk(store->PublishAtx(test::SampleAtx(2, Id(2), 256, 10, 0)));
    MustOk(store->PublishAtx(test::SampleAtx(3, Id(3), 254, 900, 0)));  // outside {255, 256}
    CHECK(Must(store->HighestAtx())->id == test::SampleAtx(1, Id(1), 255, 500, 0).id);
  }
}

TEST_CASE("StateStore keeps everything across a reopen and locks its directory", "[node][state_store]") {
  TempDir tmp;
  const auto dir = tmp.path() / "state";
  const Atx atx = test::SampleAtx(1, Id(1), 3, 10, 10);
  {
    auto store = MustOpen(dir);
    MustOk(store->PutInitialPost(Id(1), test::SampleInitialPost(1)));
    MustOk(store->PutChallenge(Id(2), test::SampleChallenge(2)));
    MustOk(store->PutPoetRegistration(Id(2), test::SampleRegistration(3, "http://poet")));
    MustOk(store->PutNipost(Id(2), test::SampleNipost(4)));
    MustOk(store->PublishAtx(atx));

    auto second = StateStore::Open(dir);
    REQUIRE_FALSE(second.ok());
    CHECK(Contains(second.status().message(), dir.string()));
  }
  auto store = MustOpen(dir);
  CHECK(Must(store->GetInitialPost(Id(1))) == test::SampleInitialPost(1));
  CHECK(Must(store->GetChallenge(Id(2))) == test::SampleChallenge(2));
  CHECK(Must(store->GetPoetRegistrations(Id(2))) ==
        std::vector<PoetRegistration>{test::SampleRegistration(3, "http://poet")});
  CHECK(Must(store->GetNipost(Id(2))) == test::SampleNipost(4));
  CHECK(Must(store->LatestAtx(Id(1))) == atx);
  CHECK(Must(store->HighestAtx()) == atx);
}

TEST_CASE("StateStore reports a damaged record as corruption naming its key", "[node][state_store]") {
  TempDir tmp;
  const auto dir = tmp.path() / "state";
  const auto node = Id(1);
  const std::string key = "nipost/" + Raw(node);
  { MustOk(MustOpen(dir)->PutNipost(node, test::SampleNipost(1))); }
  std::string good;
  {
    RawDb raw(dir);
    good = raw.Get(key);
    REQUIRE(good.size() > 1);
    CHECK(good[0] == 2);  // format version
    std::string bad;
    SECTION("truncated") { bad = good.substr(0, good.size() - 3); }
    SECTION("cut inside the URL's length") { bad = good.substr(0, 1 + 32 + 2); }
    SECTION("empty") { bad = ""; }
    SECTION("trailing garbage") { bad = good + "xx"; }
    SECTION("unknown version") {
      bad = good;
      bad[0] = 9;
    }
    SECTION("string length past the end") {
      bad = good;
      bad[1 + 32 + 3] = char(0x7f);  // the high byte of the PoET URL's length
    }
    raw.Put(key, bad);
  }
  auto store = MustOpen(dir);
  auto nipost = store->GetNipost(node);
  REQUIRE_FALSE(nipost.ok());
  CHECK(nipost.status().code() == base::Status::Code::kCorruption);
  CHECK(Contains(nipost.status().message(), "nipost/" + base::ToHex(node)));
  CHECK(Contains(nipost.status().message(), dir.string()));
  CHECK(store->GetChallenge(node).ok());  // other records still read
}

TEST_CASE("StateStore reports damaged registrations and ATX index entries", "[node][state_store]") {
  TempDir tmp;
  const auto dir = tmp.path() / "state";
  const Atx atx = test::SampleAtx(1, Id(1), 3, 10, 10);
  {
    auto store = MustOpen(dir);
    MustOk(store->PutPoetRegistration(Id(1), test::SampleRegistration(1, "http://poet")));
    MustOk(store->PublishAtx(atx));
  }
  {
    RawDb raw(dir);
    raw.Put("poet/" + Raw(Id(1)) + "/http://poet", std::string(1, '\1'));
    raw.Put(std::string("atx_by_epoch/\0\0\0\3/", 18) + Raw(atx.id), std::string(4, '\1'));
    raw.Put(std::string("atx_by_node/") + Raw(Id(1)) + std::string("/\0\0\0\3", 5), "");
  }
  auto store = MustOpen(dir);
  auto registrations = store->GetPoetRegistrations(Id(1));
  REQUIRE_FALSE(registrations.ok());
  CHECK(registrations.status().code() == base::Status::Code::kCorruption);
  CHECK(Contains(registrations.status().message(), "poet/" + base::ToHex(Id(1)) + "/http://poet"));

  auto highest = store->HighestAtx();
  REQUIRE_FALSE(highest.ok());
  CHECK(highest.status().code() == base::Status::Code::kCorruption);
  CHECK(Contains(highest.status().message(), "atx_by_epoch/3/" + base::ToHex(atx.id)));

  auto latest = store->LatestAtx(Id(1));
  REQUIRE_FALSE(latest.ok());
  CHECK(latest.status().code() == base::Status::Code::kCorruption);
  CHECK(Contains(latest.status().message(), "atx_by_node/" + base::ToHex(Id(1))));
}
