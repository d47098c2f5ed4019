#include <catch2/catch.hpp>

#include "node/types/clock.h"
#include "node/types/golden_atx.h"

namespace node {
namespace {

TEST_CASE("RFC 3339 times parse with Z, offsets and fractions") {
  auto utc = ParseRfc3339("2023-07-14T08:00:00Z");
  REQUIRE(utc.ok());
  CHECK(std::chrono::system_clock::to_time_t(*utc) == 1689321600);
  auto offset = ParseRfc3339("2023-07-14T10:00:00+02:00");
  REQUIRE(offset.ok());
  CHECK(*offset == *utc);
  auto fraction = ParseRfc3339("2023-07-14T08:00:00.5Z");
  REQUIRE(fraction.ok());
  CHECK(*fraction - *utc == std::chrono::milliseconds(500));
  CHECK(FormatRfc3339(*utc) == "2023-07-14T08:00:00Z");
  CHECK_FALSE(ParseRfc3339("2023-07-14 08:00").ok());
  CHECK_FALSE(ParseRfc3339("2023-13-14T08:00:00Z").ok());
}

TEST_CASE("layers and epochs count from genesis") {
  const auto now = std::chrono::system_clock::now();
  LayerClock clock(now - std::chrono::seconds(65), std::chrono::seconds(6), 10);
  CHECK(clock.CurrentLayer() == 10);
  CHECK(clock.CurrentEpoch() == 1);
  CHECK(clock.EpochStart(2) - clock.genesis() == std::chrono::seconds(120));
  LayerClock future(now + std::chrono::hours(1), std::chrono::seconds(6), 10);
  CHECK(future.CurrentLayer() == 0);
}

TEST_CASE("the golden ATX of mainnet is the reference's") {
  auto genesis = ParseRfc3339("2023-07-14T08:00:00Z");
  REQUIRE(genesis.ok());
  const base::Hash32 atx = GoldenAtx(*genesis, "00000000000000000001a6bc150307b5c1998045752b3c87eccf3c013036f3cc");
  CHECK(base::ToHex(atx) == "9eebff023abb17ccb775c602daade8ed708f0a50d3149a42801184f5b74f2865");
}

}  // namespace
}  // namespace node
