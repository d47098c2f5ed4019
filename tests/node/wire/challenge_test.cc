// NIPostChallengeV1: byte layout worked out by hand from reference/activation.md §2.2, round
// trips, limits and the challenge hash (expected values from b3sum over the hand-written bytes).
#include "node/wire/challenge.h"

#include <catch2/catch.hpp>

#include "wire_test_util.h"

namespace {

using namespace node::wire;
using test::Contains;
using test::Filled;
using test::Rep;
using test::Unhex;

NIPostChallengeV1 InitialChallenge() {
  NIPostChallengeV1 challenge;
  challenge.publish_epoch = 2;
  challenge.sequence = 0;
  challenge.positioning_atx = Filled(0x11);
  challenge.commitment_atx = Filled(0x22);
  challenge.initial_post = PostV1{5, {0xaa, 0xbb, 0xcc}, 70000};
  return challenge;
}

// publish 2 -> 08, sequence 0 -> 00, prev (zero), positioning, Some(commitment), Some(post:
// nonce 5 -> 14, indices len 3 -> 0c aabbcc, pow 70000 -> (70000<<2|2) LE = c2450400).
const std::string kInitialHex = "0800" + Rep("00", 32) + Rep("11", 32) + "01" + Rep("22", 32) +
                                "01"
                                "14"
                                "0caabbcc"
                                "c2450400";

}  // namespace

TEST_CASE("an initial challenge encodes to the hand-worked bytes", "[wire][challenge]") {
  auto bytes = EncodeChallenge(InitialChallenge());
  REQUIRE(bytes.ok());
  CHECK(base::ToHex(*bytes) == kInitialHex);
}

TEST_CASE("a later challenge has no commitment and no initial post", "[wire][challenge]") {
  NIPostChallengeV1 challenge;
  challenge.publish_epoch = 300;  // 300<<2|1 = 0x04b1
  challenge.sequence = 7;         // 0x1c
  challenge.prev_atx = Filled(0x33);
  challenge.positioning_atx = Filled(0x44);
  auto bytes = EncodeChallenge(challenge);
  REQUIRE(bytes.ok());
  CHECK(base::ToHex(*bytes) == "b1041c" + Rep("33", 32) + Rep("44", 32) + "0000");
  auto decoded = DecodeChallenge(*bytes);
  REQUIRE(decoded.ok());
  CHECK(*decoded == challenge);
}

TEST_CASE("challenges round trip", "[wire][challenge]") {
  const NIPostChallengeV1 challenge = InitialChallenge();
  auto decoded = DecodeChallenge(Unhex(kInitialHex));
  REQUIRE(decoded.ok());
  CHECK(*decoded == challenge);
  CHECK(decoded->initial_post->indices == std::vector<uint8_t>{0xaa, 0xbb, 0xcc});
}

TEST_CASE("the challenge hash is blake3(0x00 || SCALE)", "[wire][challenge]") {
  auto hash = ChallengeHash(InitialChallenge());
  REQUIRE(hash.ok());
  CHECK(base::ToHex(*hash) == "6d5905112b80d2db0895a7682c8aac7e0bd3938f3fb76b9940cb4fe4d95e0bd7");
}

TEST_CASE("challenge limits, truncation and trailing bytes", "[wire][challenge]") {
  NIPostChallengeV1 challenge = InitialChallenge();
  challenge.initial_post->indices.assign(801, 0);
  auto too_long = EncodeChallenge(challenge);
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.status().message() == "challenge: initial_post.indices: length 801 exceeds 800");

  challenge.initial_post->indices.assign(800, 7);
  auto at_max = EncodeChallenge(challenge);
  REQUIRE(at_max.ok());
  auto decoded = DecodeChallenge(*at_max);
  REQUIRE(decoded.ok());
  CHECK(*decoded == challenge);

  auto bytes = Unhex(kInitialHex);
  bytes.push_back(0);
  auto trailing = DecodeChallenge(bytes);
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.status().message() == "challenge: 1 trailing bytes");

  bytes.erase(bytes.end() - 3, bytes.end());
  auto truncated = DecodeChallenge(bytes);
  REQUIRE_FALSE(truncated.ok());
  CHECK(Contains(truncated.status().message(), "challenge: initial_post.pow: truncated"));
}

TEST_CASE("an option flag other than 1 decodes as None", "[wire][challenge]") {
  // The commitment flag is 02: None, so the next byte is the initial_post flag (00).
  const auto bytes = Unhex("0800" + Rep("00", 32) + Rep("11", 32) + "0200");
  auto decoded = DecodeChallenge(bytes);
  REQUIRE(decoded.ok());
  CHECK_FALSE(decoded->commitment_atx.has_value());
  CHECK_FALSE(decoded->initial_post.has_value());
}
