#include <catch2/catch.hpp>

#include "node/types/address.h"

namespace node {
namespace {

bool Fails(const std::string& text, const std::string& hrp, const std::string& reason) {
  auto a = ParseAddress(text, hrp);
  INFO(text << " -> " << (a.ok() ? std::string("ok") : a.status().message()));
  return !a.ok() && a.status().message().find(reason) != std::string::npos;
}

// Vectors from go-spacemesh common/types/address_test.go (network "stest") and the wallet
// template address that the public API uses (24 bytes, the last one 1).
TEST_CASE("ParseAddress accepts and rejects the reference's vectors", "[address]") {
  CHECK(ParseAddress("stest1qqqqqqy0dd83jemjmfj3ghjndxm0ndh0z2rymaqyp0gu3", "stest").ok());
  CHECK(ParseAddress("stest1qqqqqqrs60l66w5uksxzmaznwq6xnhqfv56c28qlkm4a5", "stest").ok());
  CHECK(Fails("stest1fejq2x3d79ukpkw06t7h6lndjuwzxdnj59npghsg43mh4", "stest", "reserved"));
  CHECK(Fails("stest1fejq2x3d79ukpkw06t7h6lniobuwzxdnj59nphsywyusj", "stest", "character"));
  CHECK(Fails("1fejq2x3d79ukpkw06t7h6lniobuwzxdnj59nphsywyusj", "stest", "not bech32"));
  CHECK(Fails("stest1qw508d6e1qejxtdg4y5r3zarvax8wucu", "stest", "length"));  // prefix "stest1qw508d6e"
  CHECK(Fails("stest1qw504y5r3zarva2v6vda", "stest", "length"));
  CHECK(Fails("sut1fejq2x3d79ukpkw06t7h6lndjuwzxdnj59npghsldfkky", "stest", "wrong network"));

  Address wallet{};
  wallet[23] = 1;
  CHECK(FormatAddress(wallet, "sm") == "sm1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqg56ypy7");
  auto parsed = ParseAddress("sm1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqg56ypy7", "sm");
  REQUIRE(parsed.ok());
  CHECK(*parsed == wallet);
}

TEST_CASE("FormatAddress and ParseAddress round-trip", "[address]") {
  for (const char* hrp : {"sm", "stest", "standalone"}) {
    Address a{};
    for (size_t i = kAddressReservedBytes; i < a.size(); ++i) a[i] = static_cast<uint8_t>(i * 37 + 5);
    const std::string text = FormatAddress(a, hrp);
    auto back = ParseAddress(text, hrp);
    REQUIRE(back.ok());
    CHECK(*back == a);
    std::string upper = text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(ParseAddress(upper, hrp).ok());  // one case throughout is fine
  }
}

TEST_CASE("ParseAddress rejects a wrong prefix, a bad checksum and mixed case", "[address]") {
  Address a{};
  a[10] = 0xab;
  const std::string text = FormatAddress(a, "sm");
  CHECK(Fails(text, "standalone", "wrong network"));
  std::string flipped = text;
  flipped[10] = flipped[10] == 'q' ? 'p' : 'q';
  CHECK(Fails(flipped, "sm", "checksum"));
  std::string mixed = text;
  mixed[0] = 'S';
  CHECK(Fails(mixed, "sm", "mixed case"));
  CHECK(Fails("", "sm", "not bech32"));
}

}  // namespace
}  // namespace node
