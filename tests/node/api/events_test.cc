#include <catch2/catch.hpp>

#include <atomic>

#include "node/events.h"

namespace node {
namespace {

spacemesh::v1::Event Beacon(uint32_t epoch) {
  spacemesh::v1::Event event;
  event.mutable_beacon()->set_epoch(epoch);
  return event;
}

TEST_CASE("a subscriber first gets the last 100 events, then live ones") {
  EventBus bus;
  for (uint32_t i = 0; i < 150; ++i) bus.Emit(Beacon(i));
  std::atomic<int> wakes{0};
  auto subscription = bus.Subscribe([&] { ++wakes; });
  for (uint32_t i = 50; i < 150; ++i) {
    auto event = subscription->Next();
    REQUIRE(event);
    CHECK(event->beacon().epoch() == i);
    CHECK(event->has_timestamp());
  }
  CHECK_FALSE(subscription->Next());
  bus.Emit(Beacon(150));
  CHECK(wakes == 1);
  auto live = subscription->Next();
  REQUIRE(live);
  CHECK(live->beacon().epoch() == 150);
  bus.Unsubscribe(subscription);
  bus.Emit(Beacon(151));
  CHECK(wakes == 1);
  CHECK(bus.Recent().size() == EventBus::kReplay);
}

TEST_CASE("a subscriber that falls 1000 events behind is marked overflowed") {
  EventBus bus;
  auto subscription = bus.Subscribe([] {});
  for (uint32_t i = 0; i < EventBus::kSubscriberBuffer; ++i) bus.Emit(Beacon(i));
  CHECK_FALSE(subscription->overflowed());
  bus.Emit(Beacon(1000));
  CHECK(subscription->overflowed());
}

}  // namespace
}  // namespace node
