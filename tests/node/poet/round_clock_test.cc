// The PoET round formulas against the standalone numbers of reference/activation.md §1.3:
// genesis g, 60 s epochs, phase shift 30 s, cycle gap 30 s; round E runs g+60E+30 -> g+60E+60.
#include <catch2/catch.hpp>

#include "node/poet/round_clock.h"

namespace node::poet {
namespace {

using namespace std::chrono_literals;

TEST_CASE("round start, end and open round follow the reference's formulas", "[poet][clock]") {
  const auto g = std::chrono::system_clock::time_point(1'700'000'000s);
  const RoundClock clock(g, 60s, 30s, 30s);
  for (uint64_t e : {0u, 1u, 7u, 1000u}) {
    INFO("round " << e);
    const auto at = std::chrono::seconds(60 * e);
    CHECK(clock.RoundStart(e) == g + at + 30s);
    CHECK(clock.RoundEnd(e) == g + at + 60s);
    // Registration for round E closes at g+60E+30; from then on round E+1 registers.
    CHECK(clock.OpenRoundId(g + at + 30s - 1ms) == e);
    CHECK(clock.OpenRoundId(g + at + 30s) == e + 1);
    CHECK(clock.OpenRoundId(g + at + 89s) == e + 1);
  }
  CHECK(clock.OpenRoundId(g) == 0);
  CHECK(clock.OpenRoundId(g - 1h) == 0);
}

TEST_CASE("the mainnet numbers: round E ends 228 h into the next epoch", "[poet][clock]") {
  const auto g = std::chrono::system_clock::time_point(1'689'310'800s);  // 2023-07-14T05:00:00Z
  const RoundClock clock(g, 336h, 240h, 12h);
  CHECK(clock.RoundStart(2) == g + 2 * 336h + 240h);
  CHECK(clock.RoundEnd(2) == g + 3 * 336h + 228h);
  CHECK(clock.OpenRoundId(g + 240h) == 1);
}

}  // namespace
}  // namespace node::poet
