#include "node/activation/cycle_clock.h"

#include <catch2/catch.hpp>

namespace node {
namespace {

using namespace std::chrono_literals;

// The standalone numbers of activation.md §1.3: genesis g, 6 s x 10 layers, PS 30 s, CG 30 s, grace 12 s.
struct Standalone {
  LayerClock::TimePoint g = LayerClock::TimePoint(1700000000s);
  CycleClock clock{LayerClock(g, 6s, 10), 30s, 30s, 12s};
};

TEST_CASE("CycleClock gives the reference's times for a publish epoch", "[node][cycle_clock]") {
  Standalone s;
  const uint32_t E = 3, P = E + 1;
  CHECK(s.clock.WakeUp(P) == s.g + 60s * E + 18s);
  CHECK(s.clock.RoundStart(P) == s.g + 60s * E + 30s);  // registration closes
  CHECK(s.clock.RoundEnd(P) == s.g + 60s * E + 60s);
  CHECK(s.clock.ProofDeadline(P) == s.g + 60s * E + 90s);
  CHECK(s.clock.PublishEnd(P) == s.g + 60s * E + 120s);
  CHECK(s.clock.EpochStart(P) == s.g + 60s * P);
}

TEST_CASE("CycleClock::NextPublishEpoch waits for the next round once this one started", "[node][cycle_clock]") {
  Standalone s;
  CHECK(s.clock.CurrentEpoch(s.g - 5s) == 0);
  CHECK(s.clock.CurrentEpoch(s.g + 59s) == 0);
  CHECK(s.clock.CurrentEpoch(s.g + 60s) == 1);
  // Before the round of epoch 0 starts: publish in 1; after: publish in 2.
  CHECK(s.clock.NextPublishEpoch(s.g + 1s, std::nullopt) == 1);
  CHECK(s.clock.NextPublishEpoch(s.g + 29s, std::nullopt) == 1);
  CHECK(s.clock.NextPublishEpoch(s.g + 30s, std::nullopt) == 2);
  // An ATX published in epoch 1 during epoch 1: the next one is for epoch 2 while its round is open.
  CHECK(s.clock.NextPublishEpoch(s.g + 65s, 1) == 2);
  CHECK(s.clock.NextPublishEpoch(s.g + 95s, 1) == 3);
  // A previous ATX "from the future" (clock went back) still moves forward from it.
  CHECK(s.clock.NextPublishEpoch(s.g + 1s, 5) == 6);
}

}  // namespace
}  // namespace node
