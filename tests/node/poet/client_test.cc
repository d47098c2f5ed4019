// The client against a tiny fake PoET (httplib): it validates what it downloads (tampered proofs
// are kInvalidProof, non-proofs kCorruption), retries 5xx and 429, and names URL and round.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "node/poet/client.h"
#include "node/poet/rest.h"
#include "node/posw/prover.h"
#include "node/wire/membership.h"
#include "poet_test_util.h"

namespace node::poet {
namespace {

using namespace std::chrono_literals;
using test::Contains;
using test::Filled;
using Code = base::Status::Code;

// An honest proof body over two members.
ProofResponseBody HonestBody() {
  ProofResponseBody body;
  const std::vector<base::Hash32> members = {Filled(1), Filled(2)};
  for (const auto& m : members) body.members.emplace_back(m.begin(), m.end());
  posw::Prover prover(*wire::MembershipRoot(members));
  prover.AddLeaves(300);
  body.proof = *prover.Prove();
  body.pubkey = Bytes(32, 0x77);
  return body;
}

// Serves fixed answers per path on a loopback port; counts the requests per path.
class FakePoet {
 public:
  struct Answer {
    int status;
    std::string body;
    int failures_first = 0;  // answers 503 this many times before `status`
    std::chrono::milliseconds delay{0};
  };

  explicit FakePoet(std::map<std::string, Answer> answers) : answers_(std::move(answers)) {
    server_.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      int n;
      {
        std::lock_guard lock(mu_);
        n = hits_[req.path]++;
      }
      auto it = answers_.find(req.path);
      if (it == answers_.end()) {
        res.status = 404;
        return;
      }
      std::this_thread::sleep_for(it->second.delay);
      res.status = n < it->second.failures_first ? 503 : it->second.status;
      res.set_content(it->second.body, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    REQUIRE(test::WaitFor([this] { return server_.is_running(); }));
  }
  ~FakePoet() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "127.0.0.1:" + std::to_string(port_); }  // no scheme: the client adds it
  int hits(const std::string& path) {
    std::lock_guard lock(mu_);
    return hits_[path];
  }

 private:
  std::map<std::string, Answer> answers_;
  std::mutex mu_;
  std::map<std::string, int> hits_;  // guarded by mu_
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_CASE("downloaded proofs are validated before use", "[poet][client]") {
  const ProofResponseBody honest = HonestBody();
  ProofResponseBody tampered_leaf = honest;
  tampered_leaf.proof.proven_leaves[3][0] ^= 1;
  ProofResponseBody other_members = honest;
  other_members.members[1][0] ^= 1;
  ProofResponseBody no_members = honest;
  no_members.members.clear();
  ProofResponseBody short_member = honest;
  short_member.members[0].pop_back();

  FakePoet poet({{"/v1/proofs/5", {200, EncodeProofResponse(honest), 2}},
                 {"/v1/proofs/6", {200, EncodeProofResponse(tampered_leaf)}},
                 {"/v1/proofs/7", {200, "<html>not a proof</html>"}},
                 {"/v1/proofs/8", {500, R"({"code":13,"message":"db down","details":[]})"}},
                 {"/v1/proofs/9", {200, EncodeProofResponse(other_members)}},
                 {"/v1/proofs/10", {200, EncodeProofResponse(no_members)}},
                 {"/v1/proofs/11", {200, EncodeProofResponse(short_member)}},
                 {"/v1/proofs/20", {200, EncodeProofResponse(honest), 0, 200ms}}});
  ClientOptions options;
  options.retry_delay = 10ms;
  options.retry_max = 3;
  Client client(poet.url(), options);
  CHECK(client.address() == "http://" + poet.url());

  SECTION("an honest proof passes, after retries of 503, and is kept") {
    bool downloaded = false;
    auto proof = client.Proof("5", &downloaded);
    REQUIRE(proof.ok());
    CHECK(downloaded);
    CHECK(poet.hits("/v1/proofs/5") == 3);
    CHECK((*proof)->members == std::vector<base::Hash32>{Filled(1), Filled(2)});
    CHECK((*proof)->message.poet_service_id == Bytes(32, 0x77));
    CHECK((*proof)->message.round_id == "5");
    CHECK(client.Proof("5").ok());
    CHECK(poet.hits("/v1/proofs/5") == 3);
  }

  SECTION("identities asking at once share one download and one validation") {
    constexpr int kAsking = 16;
    std::vector<std::thread> threads;
    std::atomic<int> ok{0}, downloads{0};
    for (int i = 0; i < kAsking; ++i) {
      threads.emplace_back([&] {
        bool downloaded = false;
        auto proof = client.Proof("20", &downloaded);
        if (proof.ok() && (*proof)->message.round_id == "20") ++ok;
        if (downloaded) ++downloads;
      });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == kAsking);
    CHECK(downloads == 1);
    CHECK(poet.hits("/v1/proofs/20") == 1);
  }

  SECTION("a tampered label or another member set is an invalid proof naming URL and round") {
    for (const char* round : {"6", "9", "10"}) {
      INFO(round);
      auto r = client.Proof(round);
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().code() == Code::kInvalidProof);
      CHECK(Contains(r.status().message(), client.address() + "/v1/proofs/" + round));
      CHECK(Contains(r.status().message(), std::string("round ") + round));
    }
  }

  SECTION("a body that is not a proof is corruption") {
    CHECK(client.Proof("7").status().code() == Code::kCorruption);
    CHECK(client.Proof("11").status().code() == Code::kCorruption);
  }

  SECTION("a server error is retried, then reported with the server's message") {
    auto r = client.Proof("8");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kUnavailable);
    CHECK(Contains(r.status().message(), "db down"));
    CHECK(poet.hits("/v1/proofs/8") == 4);
  }

  SECTION("no proof yet is NotFound, without retries") {
    auto r = client.Proof("12");
    CHECK(r.status().code() == Code::kNotFound);
    CHECK(Contains(r.status().message(), "round 12"));
  }
}

TEST_CASE("an unreachable PoET is Unavailable naming its URL", "[poet][client]") {
  ClientOptions options;
  options.retry_delay = 10ms;
  options.retry_max = 1;
  options.request_timeout = 2s;
  Client client("http://127.0.0.1:1", options);
  const auto id = test::MakeIdentity(5);
  auto r = client.Submit(wire::GenesisId(0, ""), id.private_key, Filled(3), {});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kUnavailable);
  CHECK(Contains(r.status().message(), "http://127.0.0.1:1/v1/info"));
}

}  // namespace
}  // namespace node::poet
