// The reference's fixed help text per event kind (go-spacemesh events/events.go @ v1.7.6).
#include "node/activation/events.h"

namespace node {
namespace {

constexpr const char* kRegistrationWindow =
    "Node is waiting for PoET registration window in current epoch to open. After this it will submit "
    "challenge and wait until PoET round ends in publish epoch.";
constexpr const char* kRoundEnd =
    "Node is waiting for PoET to complete. After it's complete, the node will fetch the PoET proof, generate "
    "a PoST proof, and finally publish an ATX to establish eligibility for rewards in the target epoch.";

struct Help {
  bool failure;
  const char* operator()(const event::Beacon&) const {
    return "Node computed randomness beacon, which will be used to determine consensus eligibility.";
  }
  const char* operator()(const event::PostStart&) const {
    return "Node started PoST execution using the challenge from PoET.";
  }
  const char* operator()(const event::PostComplete&) const {
    return failure ? "Node failed PoST execution." : "Node finished PoST execution using PoET challenge.";
  }
  const char* operator()(const event::InvalidPostProof&) const {
    return "Node generated invalid POST proof. Please verify your POST data.";
  }
  const char* operator()(const event::PoetWaitRound&) const { return kRegistrationWindow; }
  const char* operator()(const event::WaitingForRegistration&) const { return kRegistrationWindow; }
  const char* operator()(const event::RegisteredInPoet&) const { return "Registered in PoET."; }
  const char* operator()(const event::PoetWaitProof&) const { return kRoundEnd; }
  const char* operator()(const event::WaitingForRoundEnd&) const { return kRoundEnd; }
  const char* operator()(const event::ProofDownloaded&) const { return "Downloaded proof from PoET."; }
  const char* operator()(const event::BestProofSelected&) const { return "Best PoET proof selected."; }
  const char* operator()(const event::AtxPublished&) const {
    return "Node published activation for the current epoch. It now needs to wait until the target epoch "
           "when it will be eligible for rewards.";
  }
};

}  // namespace

Event Event::Of(Details details, bool failure) {
  Event event;
  event.failure = failure;
  event.help = std::visit(Help{failure}, details);
  event.details = std::move(details);
  return event;
}

}  // namespace node
