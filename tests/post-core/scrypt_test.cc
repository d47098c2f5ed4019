#include <catch2/catch.hpp>
#include <string>

#include "post/scrypt.h"
#include "test_util.h"

namespace post {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

TEST_CASE("scrypt-jane (Keccak-512, ChaCha20/8) self-test vectors", "[scrypt]") {
  auto vectors = test::LoadVectors("misc.json");
  for (const auto& c : vectors["scrypt_jane_selftest"]["cases"]) {
    const std::string pw = c["password"], salt = c["salt"];
    auto out = ScryptJane(Bytes(pw), Bytes(salt), c["N"], c["r"], c["p"], 64);
    CHECK(test::HexOf(out) == c["out"].get<std::string>());
  }
}

TEST_CASE("scrypt-jane output length is a prefix property of PBKDF2", "[scrypt]") {
  auto long_out = ScryptJane(Bytes("pw"), Bytes("salt"), 16, 1, 1, 100);
  auto short_out = ScryptJane(Bytes("pw"), Bytes("salt"), 16, 1, 1, 32);
  CHECK(std::equal(short_out.begin(), short_out.end(), long_out.begin()));
}

}  // namespace
}  // namespace post
