// Genesis id and ed25519 with the genesis prefix and domain byte.
#include "node/wire/signing.h"

#include <catch2/catch.hpp>

#include "wire_test_util.h"

namespace {

using namespace node::wire;
using test::Unhex;

std::array<uint8_t, 64> Key(const std::string& hex) {
  const auto bytes = Unhex(hex);
  std::array<uint8_t, 64> key;
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

// RFC 8032 test 2: seed || public key.
const std::string kKey =
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

base::Hash32 PublicKey() {
  base::Hash32 key;
  const auto bytes = Unhex(kKey.substr(64));
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

}  // namespace

TEST_CASE("GenesisId is the first 20 bytes of blake3(decimal seconds || extra)", "[wire][signing]") {
  // b3sum of "10101one" (GS config/genesis_test.go's inputs).
  CHECK(base::ToHex(GenesisId(10101, "one")) == "75b79ed3c7135142f73f77f5260083b352efaf19");
  CHECK(GenesisId(10101, "one") != GenesisId(10101, "two"));
}

TEST_CASE("PublicKeyOf derives the RFC 8032 public key and checks the second half", "[wire][signing]") {
  auto public_key = PublicKeyOf(Key(kKey));
  REQUIRE(public_key.ok());
  CHECK(*public_key == PublicKey());
  auto mismatched = Key(kKey);
  mismatched[63] ^= 0x80;
  CHECK(PublicKeyOf(mismatched).status().code() == base::Status::Code::kInvalidArgument);
}

TEST_CASE("signatures bind the genesis id, the domain and the message", "[wire][signing]") {
  const Hash20 genesis = GenesisId(1, "x");
  const std::vector<uint8_t> message = {1, 2, 3};
  auto signature = Sign(Key(kKey), genesis, Domain::kPoet, message);
  REQUIRE(signature.ok());
  CHECK(Verify(PublicKey(), genesis, Domain::kPoet, message, *signature));
  CHECK_FALSE(Verify(PublicKey(), genesis, Domain::kAtx, message, *signature));
  CHECK_FALSE(Verify(PublicKey(), GenesisId(2, "x"), Domain::kPoet, message, *signature));
  CHECK_FALSE(Verify(PublicKey(), genesis, Domain::kPoet, std::vector<uint8_t>{1, 2}, *signature));
  auto flipped = *signature;
  flipped[10] ^= 4;
  CHECK_FALSE(Verify(PublicKey(), genesis, Domain::kPoet, message, flipped));
  // Deterministic.
  CHECK(*Sign(Key(kKey), genesis, Domain::kPoet, message) == *signature);
}

TEST_CASE("small-order and non-canonical public keys never verify", "[wire][signing]") {
  // The identity point as public key with signature (R = identity, S = 0) holds the equation
  // for every message; OpenSSL alone would accept it, curve25519-voi rejects the key.
  base::Hash32 identity{};
  identity[0] = 1;
  Signature identity_signature{};
  identity_signature[0] = 1;
  const std::vector<uint8_t> message = {9};
  CHECK_FALSE(Verify(identity, Hash20{}, Domain::kAtx, message, identity_signature));

  for (const char* hex : {"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                          // y = p + 1 (the identity, non-canonical) and y = 2^255 - 1.
                          "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                          "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"}) {
    base::Hash32 key;
    const auto bytes = Unhex(hex);
    std::copy(bytes.begin(), bytes.end(), key.begin());
    CHECK_FALSE(Verify(key, Hash20{}, Domain::kAtx, message, identity_signature));
  }
}
