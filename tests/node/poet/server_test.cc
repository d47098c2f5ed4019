// Our PoET server and the node's client in one process, on a short schedule (2 s epochs, 1 s phase
// shift and cycle gap, 2000 leaves at most): registrations and their refusals, the round's proof
// and its validation, a restart in the middle of a round, and the registration PoW.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <limits>

#include "node/poet/client.h"
#include "node/poet/rest.h"
#include "node/poet/round_clock.h"
#include "node/poet/server.h"
#include "node/posw/verifier.h"
#include "node/wire/membership.h"
#include "node/wire/poet_pow.h"
#include "poet_test_util.h"

namespace node::poet {
namespace {

using namespace std::chrono_literals;
using test::Contains;
using test::Filled;
using test::Identity;
using test::MakeIdentity;
using Code = base::Status::Code;

const wire::Hash20 kGenesisId = wire::GenesisId(1'700'000'000, "poet-test");

ClientOptions Fast(std::chrono::milliseconds phase_shift = 1s) {
  ClientOptions o;
  o.phase_shift = phase_shift;
  o.retry_delay = 100ms;
  return o;
}

RoundClock ClockOf(const ServerOptions& o) {
  return RoundClock(o.genesis, o.epoch_duration, o.phase_shift, o.cycle_gap);
}

// True while round `round` still registers (so a second call lands in the same round as the first).
bool StillOpen(const RoundClock& clock, const std::string& round) {
  return std::to_string(clock.OpenRoundId(std::chrono::system_clock::now())) == round;
}

// A correctly signed request for `id`, to be spoiled by the caller.
SubmitRequestBody SignedRequest(const Identity& id, const base::Hash32& challenge, const PowParamsBody& pow = {}) {
  SubmitRequestBody r;
  r.prefix.assign(kGenesisId.begin(), kGenesisId.end());
  r.prefix.push_back(0x04);
  r.challenge.assign(challenge.begin(), challenge.end());
  r.pubkey.assign(id.node_id.begin(), id.node_id.end());
  auto signature = wire::Sign(id.private_key, kGenesisId, wire::Domain::kPoet, challenge);
  REQUIRE(signature.ok());
  r.signature.assign(signature->begin(), signature->end());
  r.pow_params = pow;
  return r;
}

// POSTs `request` to /v1/submit; the HTTP status and the gateway error body (code 0 on success).
std::pair<int, ErrorBody> RawSubmit(const std::string& url, const SubmitRequestBody& request) {
  httplib::Client http(url);
  auto res = http.Post("/v1/submit", EncodeSubmitRequest(request), "application/json");
  REQUIRE(res);
  if (res->status == 200) return {200, {}};
  auto error = ParseError(res->body);
  REQUIRE(error.ok());
  return {res->status, *error};
}

PowParamsBody CurrentPow(const std::string& url) {
  httplib::Client http(url);
  auto res = http.Get("/v1/pow_params");
  REQUIRE(res);
  auto pow = ParsePowParams(res->body);
  REQUIRE(pow.ok());
  return *pow;
}

// Polls Proof(round) until the proof is there (60 s at most).
std::shared_ptr<const RoundProof> WaitForProof(Client& client, const std::string& round) {
  std::shared_ptr<const RoundProof> proof;
  const bool done = test::WaitFor([&] {
    auto r = client.Proof(round);
    if (r.ok()) proof = *r;
    if (!r.ok()) REQUIRE(r.status().code() == Code::kNotFound);
    return r.ok();
  });
  REQUIRE(done);
  return proof;
}

// The members a round must have: the challenges of `ids` in ascending node-id order.
std::vector<base::Hash32> ExpectedMembers(std::vector<std::pair<Identity, base::Hash32>> regs) {
  std::sort(regs.begin(), regs.end(), [](const auto& a, const auto& b) { return a.first.node_id < b.first.node_id; });
  std::vector<base::Hash32> members;
  for (const auto& [id, challenge] : regs) members.push_back(challenge);
  return members;
}

// Everything a node checks on a downloaded proof, redone here.
void CheckProof(const RoundProof& proof, const std::string& round, const std::vector<base::Hash32>& members,
                uint64_t max_leaves = 2000) {
  CHECK(proof.members == members);
  CHECK(proof.message.round_id == round);
  auto statement = wire::MembershipRoot(proof.members);
  REQUIRE(statement.ok());
  CHECK(proof.message.statement == *statement);
  CHECK(proof.message.proof.leaf_count >= 150);
  CHECK(proof.message.proof.leaf_count <= max_leaves);
  CHECK(posw::Verify(proof.message.proof, proof.message.statement).ok());
  for (uint64_t i = 0; i < proof.members.size(); ++i) {
    auto nodes = wire::MembershipProof(proof.members, i);
    REQUIRE(nodes.ok());
    CHECK(wire::VerifyMembership(proof.members[i], i, *nodes, proof.message.statement).ok());
  }
  CHECK(proof.ref == *wire::PoetProofRef(proof.message.proof));
  auto decoded = wire::DecodePoetProofMessage(proof.message_bytes);
  REQUIRE(decoded.ok());
  CHECK(*decoded == proof.message);
}

TEST_CASE("registrations, refusals and the round's proof", "[poet][server]") {
  test::TempDir dir;
  const ServerOptions options = test::ShortRounds(dir.path(), 5s);
  const RoundClock clock = ClockOf(options);
  auto server = Server::Start(options);
  REQUIRE(server.ok());
  Client client((*server)->url(), Fast());
  const Identity a = MakeIdentity(1), b = MakeIdentity(2), c = MakeIdentity(3);

  auto reg_a = client.Submit(kGenesisId, a.private_key, Filled(0xaa), {});
  REQUIRE(reg_a.ok());
  auto reg_b = client.Submit(kGenesisId, b.private_key, Filled(0xbb), {});
  REQUIRE(reg_b.ok());
  const std::string round = reg_a->round_id;

  SECTION("the same challenge again is fine, another one conflicts") {
    auto again = client.Submit(kGenesisId, a.private_key, Filled(0xaa), {});
    REQUIRE(again.ok());
    CHECK(again->round_id == round);
    auto other = client.Submit(kGenesisId, a.private_key, Filled(0xcc), {});
    if (again->round_id == reg_a->round_id && StillOpen(clock, round)) {
      REQUIRE_FALSE(other.ok());
      CHECK(other.status().code() == Code::kAlreadyExists);
      CHECK(Contains(other.status().message(), "conflicting registration"));
      CHECK(Contains(other.status().message(), (*server)->url()));
    } else {
      WARN("round " << round << " closed during the test: the conflict check was skipped");
    }
  }

  SECTION("bad public keys, signatures, challenges and bodies are refused with 400") {
    SubmitRequestBody bad_sig = SignedRequest(c, Filled(0xc1));
    bad_sig.signature[5] ^= 1;
    auto [status, error] = RawSubmit((*server)->url(), bad_sig);
    CHECK(status == 400);
    CHECK(error.code == 3);
    CHECK(error.message == "invalid signature");

    SubmitRequestBody short_key = SignedRequest(c, Filled(0xc1));
    short_key.pubkey.pop_back();
    auto [status2, error2] = RawSubmit((*server)->url(), short_key);
    CHECK(status2 == 400);
    CHECK(error2.message == "invalid public key");

    // The PoET checks the signature over whatever prefix it gets, not the prefix's contents.
    SubmitRequestBody other_prefix = SignedRequest(c, Filled(0xc1));
    other_prefix.prefix[0] ^= 1;
    CHECK(RawSubmit((*server)->url(), other_prefix).second.message == "invalid signature");

    httplib::Client http((*server)->url());
    auto res = http.Post("/v1/submit", R"({"nonce":{"x":1}})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(Contains(res->body, "field nonce"));
  }

  SECTION("a deadline before the round's end is too late") {
    auto late = client.Submit(kGenesisId, c.private_key, Filled(0xc2), std::chrono::system_clock::now() + 1ms);
    REQUIRE_FALSE(late.ok());
    CHECK(late.status().code() == Code::kFailedPrecondition);
    CHECK(Contains(late.status().message(), "too late to register for the desired round"));
    // A deadline at or after the round's end is in time.
    const uint64_t open = clock.OpenRoundId(std::chrono::system_clock::now());
    CHECK(client.Submit(kGenesisId, c.private_key, Filled(0xc2), clock.RoundEnd(open + 1)).ok());
  }

  SECTION("a node with another phase shift is refused by its client") {
    Client wrong((*server)->url(), Fast(2s));
    auto r = wrong.Submit(kGenesisId, c.private_key, Filled(0xc3), {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kFailedPrecondition);
    CHECK(Contains(r.status().message(), "phase shift 1s"));
    CHECK(Contains(r.status().message(), "node's 2s"));
    CHECK(Contains(r.status().message(), (*server)->url()));
  }

  SECTION("the proof: not before the round's end, then valid, members in pubkey order, cached") {
    const auto asked = std::chrono::system_clock::now();
    auto early = client.Proof(round);
    if (std::chrono::system_clock::now() < clock.RoundEnd(std::stoull(round))) {
      REQUIRE_FALSE(early.ok());
      CHECK(early.status().code() == Code::kNotFound);
      CHECK(Contains(early.status().message(), "round " + round));
    } else {
      WARN("the machine was too slow to ask before the round end (asked at " << asked.time_since_epoch().count()
                                                                             << ")");
    }
    CHECK(client.Proof("999").status().code() == Code::kNotFound);

    auto proof = WaitForProof(client, round);
    std::vector<std::pair<Identity, base::Hash32>> regs = {{a, Filled(0xaa)}};
    if (reg_b->round_id == round) regs.push_back({b, Filled(0xbb)});
    CheckProof(*proof, round, ExpectedMembers(regs));
    CHECK(std::chrono::system_clock::now() >= clock.RoundEnd(std::stoull(round)));

    bool downloaded = true;
    auto cached = client.Proof(round, &downloaded);
    REQUIRE(cached.ok());
    CHECK(*cached == proof);
    CHECK_FALSE(downloaded);

    // The PoW challenge is now the proof's root (§4.3).
    CHECK(CurrentPow((*server)->url()).challenge == proof->message.proof.root);
  }
}

TEST_CASE("a restart keeps the members and finishes the running round", "[poet][server]") {
  test::TempDir dir;
  ServerOptions options = test::ShortRounds(dir.path(), 4s);
  options.max_leaves = 0;  // no cap: the work is still running when the server stops, and resumes
  const RoundClock clock = ClockOf(options);
  const Identity a = MakeIdentity(11), b = MakeIdentity(12);
  std::string round;
  Bytes pubkey;
  {
    auto server = Server::Start(options);
    REQUIRE(server.ok());
    Client client((*server)->url(), Fast());
    auto reg_a = client.Submit(kGenesisId, a.private_key, Filled(0x1a), {});
    REQUIRE(reg_a.ok());
    round = reg_a->round_id;
    httplib::Client http((*server)->url());
    auto info = ParseInfo(http.Get("/v1/info")->body);
    REQUIRE(info.ok());
    pubkey = info->service_pubkey;
  }
  std::vector<std::pair<Identity, base::Hash32>> regs = {{a, Filled(0x1a)}};
  {
    // Restarted while the round registers: the member is still there.
    auto server = Server::Start(options);
    REQUIRE(server.ok());
    Client client((*server)->url(), Fast());
    auto other = client.Submit(kGenesisId, a.private_key, Filled(0x2a), {});
    if (StillOpen(clock, round)) {
      CHECK(other.status().code() == Code::kAlreadyExists);
    } else {
      WARN("round " << round << " closed before the restart: the kept-member check was skipped");
    }
    auto reg_b = client.Submit(kGenesisId, b.private_key, Filled(0x1b), {});
    REQUIRE(reg_b.ok());
    if (reg_b->round_id == round) regs.push_back({b, Filled(0x1b)});
    // Stop it while the round's work runs (or later: the outcome must be the same).
    const auto working = clock.RoundStart(std::stoull(round)) + 300ms;
    REQUIRE(test::WaitFor([&] { return std::chrono::system_clock::now() >= working; }));
  }
  auto server = Server::Start(options);
  REQUIRE(server.ok());
  httplib::Client http((*server)->url());
  CHECK(ParseInfo(http.Get("/v1/info")->body)->service_pubkey == pubkey);
  Client client((*server)->url(), Fast());
  auto proof = WaitForProof(client, round);
  CheckProof(*proof, round, ExpectedMembers(regs), std::numeric_limits<uint64_t>::max());
  CHECK(proof->message.poet_service_id == pubkey);
}

TEST_CASE("a round that ended while the server was down is still proved", "[poet][server]") {
  test::TempDir dir;
  const ServerOptions options = test::ShortRounds(dir.path(), 2s);
  const RoundClock clock = ClockOf(options);
  const Identity a = MakeIdentity(41);
  std::string round;
  {
    auto server = Server::Start(options);
    REQUIRE(server.ok());
    auto reg = Client((*server)->url(), Fast()).Submit(kGenesisId, a.private_key, Filled(0x41), {});
    REQUIRE(reg.ok());
    round = reg->round_id;
  }
  const auto ended = clock.RoundEnd(std::stoull(round));
  REQUIRE(test::WaitFor([&] { return std::chrono::system_clock::now() >= ended; }));
  // The reference would skip the round; ours proves it with the minimum of leaves right away.
  auto server = Server::Start(options);
  REQUIRE(server.ok());
  Client client((*server)->url(), Fast());
  auto proof = WaitForProof(client, round);
  CheckProof(*proof, round, {Filled(0x41)});
  CHECK(proof->message.proof.leaf_count == 150);
}

TEST_CASE("a round without members has no proof", "[poet][server]") {
  test::TempDir dir;
  const ServerOptions options = test::ShortRounds(dir.path(), 0s);
  const RoundClock clock = ClockOf(options);
  auto server = Server::Start(options);
  REQUIRE(server.ok());
  const auto later = clock.RoundEnd(0) + 500ms;
  REQUIRE(test::WaitFor([&] { return std::chrono::system_clock::now() >= later; }));
  Client client((*server)->url(), Fast());
  CHECK(client.Proof("0").status().code() == Code::kNotFound);
  httplib::Client http((*server)->url());
  auto res = http.Get("/v1/proofs/0");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(res->body == R"({"code":5,"message":"proof not found","details":[]})");
  CHECK(http.Get("/v1/proofs/00")->status == 404);
  CHECK(http.Get("/v1/nothing")->status == 404);
}

TEST_CASE("with a PoW difficulty the client solves it and the server checks it", "[poet][server]") {
  test::TempDir dir;
  ServerOptions options = test::ShortRounds(dir.path(), 30s);
  options.pow_difficulty = 8;
  auto server = Server::Start(options);
  REQUIRE(server.ok());
  const std::string url = (*server)->url();
  const PowParamsBody pow = CurrentPow(url);
  CHECK(pow.difficulty == 8);
  CHECK(pow.challenge.size() == 32);

  Client client(url, Fast());
  const Identity a = MakeIdentity(21), b = MakeIdentity(22);
  CHECK(client.Submit(kGenesisId, a.private_key, Filled(0x21), {}).ok());

  SubmitRequestBody stale = SignedRequest(b, Filled(0x22), PowParamsBody{8, Bytes(32, 0)});
  CHECK(RawSubmit(url, stale).second.message == "invalid proof of work parameters");

  // A nonce that does not solve it.
  SubmitRequestBody unsolved = SignedRequest(b, Filled(0x22), pow);
  base::Hash32 challenge = Filled(0x22);
  while (wire::HasLeadingZeroBits(wire::PowHash(pow.challenge, b.node_id, challenge, unsolved.nonce), 8))
    ++unsolved.nonce;
  auto [status, error] = RawSubmit(url, unsolved);
  CHECK(status == 400);
  CHECK(error.code == 3);
  CHECK(Contains(error.message, "invalid proof of work"));

  const std::atomic<bool> never{false};
  auto nonce = wire::FindPowNonce(pow.challenge, b.node_id, challenge, 8, never);
  REQUIRE(nonce.ok());
  SubmitRequestBody solved = SignedRequest(b, Filled(0x22), pow);
  solved.nonce = *nonce;
  CHECK(RawSubmit(url, solved).first == 200);
}

}  // namespace
}  // namespace node::poet
