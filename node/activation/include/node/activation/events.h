// The node's event feed for AdminService.EventsStream (activation.md §5, node.md §4), in plain
// types: the api layer translates each kind to its spacemesh.v1.Event oneof. The last 100
// events are kept for replay, and each subscriber gets a bounded queue; a subscriber that falls
// 1,000 events behind is dropped ("buffer is full") instead of slowing the node down.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/bytes.h"

namespace node {

using WallTime = std::chrono::system_clock::time_point;

namespace event {

struct Beacon {
  uint32_t epoch = 0;
  std::vector<uint8_t> beacon;
};
// A proof was asked for: the initial post (challenge 32 zero bytes) or a NIPoST's (the PoET ref).
struct PostStart {
  base::Hash32 challenge{};
  base::Hash32 smesher{};
};
// The proof arrived; on failure the challenge is empty, as the reference sends it.
struct PostComplete {
  std::optional<base::Hash32> challenge;
  base::Hash32 smesher{};
};
// The post-service's proof did not verify (sent as a failed post_complete, as the reference's
// EmitInvalidPostProof would).
struct InvalidPostProof {
  base::Hash32 smesher{};
};
// Waiting for the PoET registration window, as the deprecated kind (wait = until - timestamp)
// and as its successor.
struct PoetWaitRound {
  uint32_t current = 0, publish = 0;
  WallTime until{};
  base::Hash32 smesher{};
};
struct WaitingForRegistration {
  uint32_t current = 0, publish = 0;
  WallTime until{};  // when the node wakes up to register
  base::Hash32 smesher{};
};
struct RegisteredInPoet {
  std::string url;
  base::Hash32 smesher{};
  std::string round_id;
};
// Waiting for the PoET round to end, as the deprecated kind and as its successor.
struct PoetWaitProof {
  uint32_t publish = 0, target = 0;
  WallTime until{};
  base::Hash32 smesher{};
};
struct WaitingForRoundEnd {
  uint32_t publish = 0, target = 0;
  WallTime until{};  // the round's end as the config computes it
  base::Hash32 smesher{};
};
struct ProofDownloaded {
  std::string url;
  std::string round_id;
  uint64_t ticks = 0;
};
struct BestProofSelected {
  std::string url;
  std::string round_id;
  uint64_t ticks = 0;
  base::Hash32 smesher{};
};
struct AtxPublished {
  uint32_t current = 0, target = 0;
  base::Hash32 id{};
  std::chrono::milliseconds wait{0};
  WallTime until{};
  base::Hash32 smesher{};
};

}  // namespace event

struct Event {
  using Details =
      std::variant<event::Beacon, event::PostStart, event::PostComplete, event::InvalidPostProof, event::PoetWaitRound,
                   event::WaitingForRegistration, event::RegisteredInPoet, event::PoetWaitProof,
                   event::WaitingForRoundEnd, event::ProofDownloaded, event::BestProofSelected, event::AtxPublished>;
  WallTime timestamp{};  // set by Emit when left at the epoch
  bool failure = false;
  std::string help;  // the reference's fixed text for the kind
  Details details;

  // The event with the reference's help text and failure flag for its kind.
  static Event Of(Details details, bool failure = false);
};

class EventBus {
 public:
  static constexpr size_t kReplay = 100;
  static constexpr size_t kSubscriberBuffer = 1000;

  class Subscription {
   public:
    // The next event, or nullopt if none is queued.
    std::optional<Event> Next();
    // True once the queue overflowed; the subscriber must end its stream.
    bool overflowed() const;

   private:
    friend class EventBus;
    mutable std::mutex mu_;
    std::deque<Event> queue_;     // guarded by mu_
    bool overflowed_ = false;     // guarded by mu_
    std::function<void()> wake_;  // called (without locks held) after a push
  };

  // Stamps the time (if unset) and publishes to the replay ring and every subscriber.
  void Emit(Event event);

  // A subscription that starts with the replay ring. `wake` runs after each new event (or the
  // overflow) reaches its queue, on the emitting thread; it must not block.
  std::shared_ptr<Subscription> Subscribe(std::function<void()> wake);
  void Unsubscribe(const std::shared_ptr<Subscription>& subscription);

  std::vector<Event> Recent() const;

 private:
  mutable std::mutex mu_;
  std::deque<Event> recent_;                                // guarded by mu_
  std::vector<std::shared_ptr<Subscription>> subscribers_;  // guarded by mu_
};

}  // namespace node
