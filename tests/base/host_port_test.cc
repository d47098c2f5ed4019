#include <catch2/catch.hpp>

#include "base/host_port.h"

namespace base {
namespace {

TEST_CASE("ParseHostPort takes IPv4, bracketed IPv6 and names", "[base][host_port]") {
  auto v4 = ParseHostPort("127.0.0.1:0");
  REQUIRE(v4.ok());
  CHECK(v4->host == "127.0.0.1");
  CHECK(v4->port == 0);
  auto v6 = ParseHostPort("[::1]:9094");
  REQUIRE(v6.ok());
  CHECK(v6->host == "::1");
  CHECK(v6->port == 9094);
  CHECK(FormatHostPort("::1", 9094) == "[::1]:9094");
  CHECK(FormatHostPort("localhost", 1) == "localhost:1");
  for (const char* bad : {"nohost", ":80", "h:", "h:65536", "h:x"}) {
    auto r = ParseHostPort(bad);
    INFO(bad);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::StartsWith(std::string("invalid address '") + bad + "'"));
  }
}

TEST_CASE("IsLoopbackHost knows only this machine's addresses", "[base][host_port]") {
  CHECK(IsLoopbackHost("localhost"));
  CHECK(IsLoopbackHost("127.4.5.6"));
  CHECK(IsLoopbackHost("::1"));
  CHECK_FALSE(IsLoopbackHost("0.0.0.0"));
  CHECK_FALSE(IsLoopbackHost("10.0.0.1"));
}

}  // namespace
}  // namespace base
