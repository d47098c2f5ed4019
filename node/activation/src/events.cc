#include "node/activation/events.h"

#include <algorithm>
#include <chrono>

namespace node {

std::optional<Event> EventBus::Subscription::Next() {
  std::lock_guard lock(mu_);
  if (queue_.empty()) return std::nullopt;
  auto event = std::move(queue_.front());
  queue_.pop_front();
  return event;
}

bool EventBus::Subscription::overflowed() const {
  std::lock_guard lock(mu_);
  return overflowed_;
}

void EventBus::Emit(Event event) {
  if (event.timestamp == WallTime{}) event.timestamp = std::chrono::system_clock::now();
  std::vector<std::shared_ptr<Subscription>> wake;
  {
    std::lock_guard lock(mu_);
    recent_.push_back(event);
    if (recent_.size() > kReplay) recent_.pop_front();
    for (const auto& subscriber : subscribers_) {
      std::lock_guard sub_lock(subscriber->mu_);
      if (subscriber->overflowed_) continue;
      if (subscriber->queue_.size() >= kSubscriberBuffer) {
        subscriber->overflowed_ = true;
      } else {
        subscriber->queue_.push_back(event);
      }
      wake.push_back(subscriber);
    }
  }
  for (const auto& subscriber : wake) {
    if (subscriber->wake_) subscriber->wake_();
  }
}

std::shared_ptr<EventBus::Subscription> EventBus::Subscribe(std::function<void()> wake) {
  auto subscription = std::make_shared<Subscription>();
  subscription->wake_ = std::move(wake);
  std::lock_guard lock(mu_);
  subscription->queue_.assign(recent_.begin(), recent_.end());
  subscribers_.push_back(subscription);
  return subscription;
}

void EventBus::Unsubscribe(const std::shared_ptr<Subscription>& subscription) {
  std::lock_guard lock(mu_);
  std::erase(subscribers_, subscription);
}

std::vector<Event> EventBus::Recent() const {
  std::lock_guard lock(mu_);
  return {recent_.begin(), recent_.end()};
}

}  // namespace node
