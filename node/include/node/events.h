// The node's event feed for AdminService.EventsStream (node.md §4): the last 100 events are
// kept for replay, and each subscriber gets a bounded queue; a subscriber that falls 1,000
// events behind is dropped ("buffer is full") instead of slowing the node down.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "spacemesh/v1/admin_types.pb.h"

namespace node {

class EventBus {
 public:
  static constexpr size_t kReplay = 100;
  static constexpr size_t kSubscriberBuffer = 1000;

  class Subscription {
   public:
    // The next event, or nullopt if none is queued.
    std::optional<spacemesh::v1::Event> Next();
    // True once the queue overflowed; the subscriber must end its stream.
    bool overflowed() const;

   private:
    friend class EventBus;
    mutable std::mutex mu_;
    std::deque<spacemesh::v1::Event> queue_;  // guarded by mu_
    bool overflowed_ = false;                 // guarded by mu_
    std::function<void()> wake_;              // called (without locks held) after a push
  };

  // Stamps the time and publishes to the replay ring and every subscriber.
  void Emit(spacemesh::v1::Event event);

  // A subscription that starts with the replay ring. `wake` runs after each new event (or the
  // overflow) reaches its queue, on the emitting thread; it must not block.
  std::shared_ptr<Subscription> Subscribe(std::function<void()> wake);
  void Unsubscribe(const std::shared_ptr<Subscription>& subscription);

  std::vector<spacemesh::v1::Event> Recent() const;

 private:
  mutable std::mutex mu_;
  std::deque<spacemesh::v1::Event> recent_;                  // guarded by mu_
  std::vector<std::shared_ptr<Subscription>> subscribers_;   // guarded by mu_
};

}  // namespace node
