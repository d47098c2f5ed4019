#include <catch2/catch.hpp>

#include <atomic>

#include "node/activation/events.h"

namespace node {
namespace {

Event Beacon(uint32_t epoch) { return Event::Of(event::Beacon{epoch, {1, 2, 3, 4}}); }

uint32_t EpochOf(const Event& e) { return std::get<event::Beacon>(e.details).epoch; }

TEST_CASE("a subscriber first gets the last 100 events, then live ones") {
  EventBus bus;
  for (uint32_t i = 0; i < 150; ++i) bus.Emit(Beacon(i));
  std::atomic<int> wakes{0};
  auto subscription = bus.Subscribe([&] { ++wakes; });
  for (uint32_t i = 50; i < 150; ++i) {
    auto event = subscription->Next();
    REQUIRE(event);
    CHECK(EpochOf(*event) == i);
    CHECK(event->timestamp != WallTime{});
  }
  CHECK_FALSE(subscription->Next());
  bus.Emit(Beacon(150));
  CHECK(wakes == 1);
  auto live = subscription->Next();
  REQUIRE(live);
  CHECK(EpochOf(*live) == 150);
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
