#include <catch2/catch.hpp>

#include <vector>

#include "node/config/duration.h"

namespace node {
namespace {

using namespace std::chrono_literals;

Duration Parse(const std::string& text) {
  auto d = ParseDuration(text);
  INFO(text << ": " << d.status().ToString());
  REQUIRE(d.ok());
  return *d;
}

TEST_CASE("ParseDuration reads Go durations", "[duration]") {
  CHECK(Parse("0") == 0ms);
  CHECK(Parse("12h") == 12h);
  CHECK(Parse("1m30s") == 90s);
  CHECK(Parse("500ms") == 500ms);
  CHECK(Parse("1.5s") == 1500ms);
  CHECK(Parse("240h") == 240h);
  CHECK(Parse("1h2m3.004s") == 1h + 2min + 3s + 4ms);
  CHECK(Parse("2000us") == 2ms);
  CHECK(Parse("3000000ns") == 3ms);
  CHECK(Parse("1\xc2\xb5s"
              "999\xce\xbcs") == 1ms);  // both micro signs
  CHECK(Parse(".5s") == 500ms);
  CHECK(Parse("+5s") == 5s);
  CHECK(Parse("-1m") == -1min);
}

TEST_CASE("ParseDuration rejects what Go rejects, and sub-millisecond values", "[duration]") {
  for (const char* bad :
       {"", "12", "12x", "s", "1.s.", "h1", "1m 30s", "--1s", "0.1ms", "1us", "9999999999999999999h", "300000000000"}) {
    INFO(bad);
    auto d = ParseDuration(bad);
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().message().find("invalid duration") != std::string::npos);
  }
}

TEST_CASE("FormatDuration prints as Go does and round-trips", "[duration]") {
  CHECK(FormatDuration(0ms) == "0s");
  CHECK(FormatDuration(500ms) == "500ms");
  CHECK(FormatDuration(1s) == "1s");
  CHECK(FormatDuration(1500ms) == "1.5s");
  CHECK(FormatDuration(90s) == "1m30s");
  CHECK(FormatDuration(12h) == "12h0m0s");
  CHECK(FormatDuration(5min) == "5m0s");
  CHECK(FormatDuration(1h + 1ms) == "1h0m0.001s");
  CHECK(FormatDuration(-90s) == "-1m30s");
  for (Duration d : std::vector<Duration>{0ms, 1ms, 999ms, 1001ms, 61s, 3601s + 10ms, 240h, -5s}) {
    CHECK(Parse(FormatDuration(d)) == d);
  }
}

}  // namespace
}  // namespace node
