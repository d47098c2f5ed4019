// The PoET registration proof of work (PO shared/pow.go and its tests).
#include "node/wire/poet_pow.h"

#include <catch2/catch.hpp>

#include "node/wire/ripemd256.h"
#include "wire_test_util.h"

using namespace node::wire;

TEST_CASE("leading zero bits as CheckLeadingZeroBits counts them", "[wire][pow]") {
  const uint8_t zero[] = {0x00};
  const uint8_t low[] = {0x0f};
  const uint8_t two[] = {0x00, 0x0f};
  CHECK(HasLeadingZeroBits(zero, 0));
  CHECK(HasLeadingZeroBits(zero, 8));
  CHECK_FALSE(HasLeadingZeroBits(zero, 9));
  CHECK(HasLeadingZeroBits(low, 4));
  CHECK_FALSE(HasLeadingZeroBits(low, 5));
  CHECK(HasLeadingZeroBits(two, 5));
  CHECK(HasLeadingZeroBits(two, 12));
  CHECK_FALSE(HasLeadingZeroBits(two, 13));
}

TEST_CASE("PowHash is RIPEMD-256 of pow challenge, node id, poet challenge, LE nonce", "[wire][pow]") {
  const std::vector<uint8_t> pow_challenge = {1, 2, 3};
  const base::Hash32 node_id = test::Filled(0x44);
  const std::vector<uint8_t> poet_challenge(32, 0x55);
  std::vector<uint8_t> input = pow_challenge;
  input.insert(input.end(), node_id.begin(), node_id.end());
  input.insert(input.end(), poet_challenge.begin(), poet_challenge.end());
  for (uint8_t b : {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01}) input.push_back(b);
  CHECK(PowHash(pow_challenge, node_id, poet_challenge, 0x0102030405060708) == Ripemd256Hash(input));
}

TEST_CASE("FindPowNonce returns the first solving nonce and honours stop", "[wire][pow]") {
  const std::vector<uint8_t> pow_challenge(32, 0x01);
  const base::Hash32 node_id = test::Filled(0x02);
  const std::vector<uint8_t> poet_challenge(32, 0x03);
  std::atomic<bool> stop{false};
  auto nonce = FindPowNonce(pow_challenge, node_id, poet_challenge, 10, stop);
  REQUIRE(nonce.ok());
  CHECK(HasLeadingZeroBits(PowHash(pow_challenge, node_id, poet_challenge, *nonce), 10));
  for (uint64_t n = 0; n < *nonce; ++n) {
    CHECK_FALSE(HasLeadingZeroBits(PowHash(pow_challenge, node_id, poet_challenge, n), 10));
  }
  stop = true;
  auto stopped = FindPowNonce(pow_challenge, node_id, poet_challenge, 200, stop);
  CHECK(stopped.status().code() == base::Status::Code::kAborted);
}
