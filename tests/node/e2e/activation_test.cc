// The activation cycle end to end: a real node with its in-process PoET, real post-services on
// tiny data, and what a user and a peer see: ATXs (through `inspect`), events, PostStates.
#include <catch2/catch.hpp>

#include "activation_network.h"
#include "node/types/clock.h"
#include "node/wire/membership.h"
#include "node/wire/poet_proof.h"
#include "post_stream.h"

namespace node::test {
namespace {

namespace pb = spacemesh::v1;
using namespace std::chrono_literals;
using Case = pb::Event::DetailsCase;

std::string Raw(const base::Hash32& id) { return {id.begin(), id.end()}; }

// The smesher an event is about, or empty for events without one.
std::string SmesherOf(const pb::Event& e) {
  switch (e.details_case()) {
    case Case::kPostStart: return e.post_start().smesher();
    case Case::kPostComplete: return e.post_complete().smesher();
    case Case::kPoetWaitRound: return e.poet_wait_round().smesher();
    case Case::kWaitingForPoetRegistrationWindow: return e.waiting_for_poet_registration_window().smesher();
    case Case::kRegisteredInPoet: return e.registered_in_poet().smesher();
    case Case::kPoetWaitProof: return e.poet_wait_proof().smesher();
    case Case::kWaitingForPoetRoundEnd: return e.waiting_for_poet_round_end().smesher();
    case Case::kBestProofSelected: return e.best_proof_selected().smesher();
    case Case::kAtxPublished: return e.atx_published().smesher();
    default: return "";
  }
}

std::vector<Case> KindsOf(const std::vector<pb::Event>& events, const base::Hash32& id) {
  std::vector<Case> kinds;
  for (const auto& e : events) {
    if (SmesherOf(e) == Raw(id)) kinds.push_back(e.details_case());
  }
  return kinds;
}

// True when `expected` appears in `kinds` in this order (other kinds may come between).
bool InOrder(const std::vector<Case>& kinds, const std::vector<Case>& expected, size_t* from) {
  for (Case want : expected) {
    while (*from < kinds.size() && kinds[*from] != want) ++*from;
    if (*from == kinds.size()) return false;
    ++*from;
  }
  return true;
}

// An identity's ATX chain: sequences 0..n-1, each pointing at the one before, every signature and
// id checking out, the first one carrying the initial post and the commitment.
void CheckChain(const ActivationNetwork& net, const base::Hash32& id, const std::vector<InspectedAtx>& atxs) {
  const wire::Hash20 genesis_id = net.GenesisId();
  std::set<uint32_t> epochs;
  for (size_t i = 0; i < atxs.size(); ++i) {
    const auto& a = atxs[i];
    INFO("identity " << base::ToHex(id) << ", ATX " << i);
    CHECK(a.sequence == i);
    CHECK(epochs.insert(a.publish_epoch).second);  // never two ATXs for one epoch
    CHECK(wire::VerifyAtxSignature(genesis_id, a.atx).ok());
    CHECK(*wire::AtxId(a.atx) == a.id);
    CHECK(a.atx.smesher_id == id);
    const auto& c = a.atx.inner.challenge;
    CHECK(c.publish_epoch == a.publish_epoch);
    if (i == 0) {
      CHECK(c.prev_atx == base::Hash32{});
      CHECK(c.commitment_atx == net.GoldenAtx());
      CHECK(c.initial_post.has_value());
      CHECK(a.atx.inner.node_id == id);
      CHECK(a.atx.inner.vrf_nonce.has_value());
    } else {
      CHECK(c.prev_atx == atxs[i - 1].id);
      CHECK(a.publish_epoch > atxs[i - 1].publish_epoch);
      CHECK_FALSE(c.commitment_atx.has_value());
      CHECK_FALSE(c.initial_post.has_value());
      CHECK_FALSE(a.atx.inner.node_id.has_value());
    }
  }
}

// The NIPoST of every ATX: its PoET proof is served by ref, and the ATX's challenge is a member
// of that proof's round.
void CheckPoetProofs(const ActivationNetwork& net, const std::vector<InspectedAtx>& atxs) {
  const auto proofs = InspectPoetProofs(net.data());
  for (const auto& a : atxs) {
    REQUIRE(a.atx.inner.nipost);
    const auto& nipost = *a.atx.inner.nipost;
    REQUIRE(nipost.post_metadata);
    base::Hash32 ref{};
    REQUIRE(nipost.post_metadata->challenge.size() == 32);
    std::copy_n(nipost.post_metadata->challenge.begin(), 32, ref.begin());
    auto it = proofs.find(ref);
    REQUIRE(it != proofs.end());
    auto message = wire::DecodePoetProofMessage(it->second);
    REQUIRE(message.ok());
    CHECK(*wire::PoetProofRef(message->proof) == ref);
    auto hash = wire::ChallengeHash(a.atx.inner.challenge);
    REQUIRE(hash.ok());
    CHECK(
        wire::VerifyMembership(*hash, nipost.membership.leaf_index, nipost.membership.nodes, message->statement).ok());
  }
}

TEST_CASE("e2e activation: two identities publish chained ATXs in three consecutive epochs", "[e2e][activation]") {
  ActivationNetwork net;
  const base::Hash32 a = net.AddIdentity("a.key", 1), b = net.AddIdentity("b.key", 2);
  net.StartNode();
  EventRecorder events(net.node().Channel("private"));
  StateRecorder states(net.node().Channel("post"));
  net.StartService(a);
  net.StartService(b);
  REQUIRE(net.WaitForAtxs({a, b}, 3, 240s));

  for (const base::Hash32& id : {a, b}) {
    const auto atxs = net.AtxsOf(id);
    CheckChain(net, id, atxs);
    CheckPoetProofs(net, atxs);
    for (size_t i = 1; i < 3; ++i) CHECK(atxs[i].publish_epoch == atxs[i - 1].publish_epoch + 1);
    // Each proof is wanted (PROVING) and then done (IDLE): initial post and three NIPoSTs.
    const std::vector<int> seen = states.States(id);
    const auto proofs = std::count(seen.begin(), seen.end(), int(pb::PostState::PROVING));
    CHECK(proofs >= 3);
    CHECK(seen.back() == int(pb::PostState::IDLE));

    // The reference's event order for the initial post and each published ATX.
    const std::vector<Case> kinds = KindsOf(events.Events(), id);
    size_t at = 0;
    CHECK(InOrder(kinds, {Case::kPostStart, Case::kPostComplete}, &at));
    for (int epoch = 0; epoch < 3; ++epoch) {
      INFO("cycle " << epoch);
      CHECK(InOrder(kinds,
                    {Case::kRegisteredInPoet, Case::kPoetWaitProof, Case::kWaitingForPoetRoundEnd,
                     Case::kBestProofSelected, Case::kPostStart, Case::kPostComplete, Case::kAtxPublished},
                    &at));
    }
  }
  const auto all = events.Events();
  CHECK(std::any_of(all.begin(), all.end(), [](const pb::Event& e) { return e.has_proof_downloaded_from_poet(); }));
  for (const auto& e : all) {
    if (!e.has_atx_published()) continue;
    CHECK(e.help() ==
          "Node published activation for the current epoch. It now needs to wait until the target epoch "
          "when it will be eligible for rewards.");
    CHECK(e.atx_published().target() == e.atx_published().current() + 1);
  }
}

TEST_CASE("e2e activation: a node killed with -9 in any phase resumes and never signs twice", "[e2e][activation]") {
  ActivationNetwork net(post_service::test::kSlowPow);  // proofs take seconds: there is a "proving" to kill
  const base::Hash32 a = net.AddIdentity("a.key", 1), b = net.AddIdentity("b.key", 1);
  net.StartNode();
  net.StartService(a);
  net.StartService(b);
  for (const char* phase : {"initial post", "waiting for the PoET round to end", "proving",
                            "waiting for the PoET registration window", "proving"}) {
    INFO("killing the node in phase " << phase);
    REQUIRE(sm::test::PollUntil([&] { return net.Phase(a) == phase; }, 240s));
    net.KillNode();
    net.StartNode();
  }
  REQUIRE(net.WaitForAtxs({a, b}, 3, 240s));
  for (const base::Hash32& id : {a, b}) {
    const auto atxs = net.AtxsOf(id);
    CheckChain(net, id, atxs);
    CheckPoetProofs(net, atxs);
  }
}

TEST_CASE("e2e activation: an invalid proof from a post-service gets a failure event and no ATX", "[e2e][activation]") {
  ActivationNetwork net;
  const base::Hash32 good = net.AddIdentity("good.key", 1), bad = net.AddIdentity("bad.key", 1);
  net.StartNode();
  EventRecorder events(net.node().Channel("private"));
  net.StartService(good);
  // A service for `bad` that answers the initial post with labels that are not in its data.
  PostStream stream(net.node().Channel("post"));
  pb::Metadata meta = SampleMetadata(bad);
  meta.set_num_units(1);
  meta.set_commitment_atx_id(Raw(net.GoldenAtx()));
  REQUIRE(stream.Handshake(meta));
  auto request = stream.Read();
  REQUIRE(request);
  REQUIRE(request->has_gen_proof());
  CHECK(request->gen_proof().challenge() == std::string(32, '\0'));  // the initial post
  pb::ServiceResponse answer;
  auto* proof = answer.mutable_gen_proof();
  proof->set_status(pb::GEN_PROOF_STATUS_OK);
  proof->mutable_proof()->set_nonce(3);
  proof->mutable_proof()->set_indices(std::string(15, '\x5a'));  // 12 indices of 10 bits, made up
  proof->mutable_proof()->set_pow(1);
  proof->mutable_metadata()->set_challenge(request->gen_proof().challenge());
  *proof->mutable_metadata()->mutable_meta() = meta;
  REQUIRE(stream.Write(answer));

  REQUIRE(net.WaitForAtxs({good}, 1, 240s));
  const auto all = events.Events();
  CHECK(std::any_of(all.begin(), all.end(), [&](const pb::Event& e) {
    return e.has_post_complete() && e.failure() && e.post_complete().smesher() == Raw(bad) &&
           e.help() == "Node generated invalid POST proof. Please verify your POST data.";
  }));
  CHECK(net.AtxsOf(bad).empty());
  CheckChain(net, good, net.AtxsOf(good));
}

TEST_CASE("e2e activation: a stopped post-service costs its identity the epoch, not the others", "[e2e][activation]") {
  ActivationNetwork net;
  const base::Hash32 a = net.AddIdentity("a.key", 1), b = net.AddIdentity("b.key", 1);
  net.StartNode();
  EventRecorder events(net.node().Channel("private"));
  net.StartService(a);
  net.StartService(b);
  REQUIRE(net.WaitForAtxs({a, b}, 1, 240s));
  net.StopService(b);
  const size_t b_before = net.AtxsOf(b).size();
  REQUIRE(net.WaitForAtxs({a}, b_before + 2, 240s));
  // b's proof was wanted while its service was gone: the window passed with a failure event.
  REQUIRE(sm::test::PollUntil(
      [&] {
        const auto all = events.Events();
        return std::any_of(all.begin(), all.end(), [&](const pb::Event& e) {
          return e.has_post_complete() && e.failure() && e.post_complete().smesher() == Raw(b);
        });
      },
      240s));
  CHECK(net.AtxsOf(b).size() < net.AtxsOf(a).size());
  // Back with its service, b continues its chain.
  net.StartService(b);
  REQUIRE(net.WaitForAtxs({b}, b_before + 1, 240s));
  CheckChain(net, a, net.AtxsOf(a));
  CheckChain(net, b, net.AtxsOf(b));
}

TEST_CASE("e2e activation: the node registers at a PoET served by a separate process", "[e2e][activation][poet]") {
  ActivationNetwork net;
  const base::Hash32 a = net.AddIdentity("a.key", 1);
  post::test::TempDir poet_dir;
  const std::string genesis = FormatRfc3339(std::chrono::system_clock::now() + 2s);
  sm::test::ChildProcess poet(
      {POET_BINARY, "--dir", (poet_dir.path() / "poet").string(), "--listen", "127.0.0.1:0", "--genesis-time", genesis,
       "--epoch-duration", "10s", "--phase-shift", "6s", "--cycle-gap", "5s", "--max-leaves", "2000"},
      poet_dir.path() / "poet.log");
  REQUIRE(poet.WaitForOutput("listening on http://", kTimeout));
  const std::string out = poet.Output();
  const size_t at = out.find("listening on ") + 13;
  const std::string url = out.substr(at, out.find('\n', at) - at);
  net.StartNode({"--standalone=false", "--genesis-time", genesis, "--poet-servers", url});
  net.StartService(a);
  REQUIRE(net.WaitForAtxs({a}, 2, 240s));
  const auto atxs = net.AtxsOf(a);
  CheckChain(net, a, atxs);
  CheckPoetProofs(net, atxs);
  CHECK_FALSE(std::filesystem::exists(net.data() / "poet"));  // no PoET of its own
}

}  // namespace
}  // namespace node::test
