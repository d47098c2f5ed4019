#include <catch2/catch.hpp>

#include "node/activation/events.h"

namespace node {
namespace {

TEST_CASE("events carry the reference's help text and failure flag", "[node][events]") {
  const base::Hash32 id{1};
  const Event done = Event::Of(event::PostComplete{id, id});
  CHECK(done.help == "Node finished PoST execution using PoET challenge.");
  CHECK_FALSE(done.failure);
  const Event failed = Event::Of(event::PostComplete{std::nullopt, id}, true);
  CHECK(failed.help == "Node failed PoST execution.");
  CHECK(failed.failure);
  CHECK(Event::Of(event::InvalidPostProof{id}, true).help ==
        "Node generated invalid POST proof. Please verify your POST data.");
  // The deprecated kinds share the text of their successors.
  CHECK(Event::Of(event::PoetWaitRound{}).help == Event::Of(event::WaitingForRegistration{}).help);
  CHECK(Event::Of(event::PoetWaitProof{}).help == Event::Of(event::WaitingForRoundEnd{}).help);
  CHECK(Event::Of(event::RegisteredInPoet{}).help == "Registered in PoET.");
  CHECK(Event::Of(event::BestProofSelected{}).help == "Best PoET proof selected.");
  CHECK(Event::Of(event::ProofDownloaded{}).help == "Downloaded proof from PoET.");
}

}  // namespace
}  // namespace node
