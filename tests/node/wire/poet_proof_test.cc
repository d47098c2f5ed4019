// PoetProof and PoetProofMessage SCALE (reference/activation.md §4.5) and the proof ref.
#include "node/wire/poet_proof.h"

#include <catch2/catch.hpp>

#include "post/blake3.h"
#include "wire_test_util.h"

namespace {

using namespace node::wire;
using test::Contains;
using test::Rep;
using test::Unhex;

std::vector<uint8_t> Bytes(size_t n, uint8_t value) { return std::vector<uint8_t>(n, value); }

PoetProofMessage SmallMessage() {
  PoetProofMessage message;
  message.proof.root = Bytes(32, 0x01);
  message.proof.proven_leaves = {Bytes(32, 0x02), Bytes(32, 0x03)};
  message.proof.proof_nodes = {Bytes(32, 0x04)};
  message.proof.leaf_count = 1000;  // 1000<<2|1 = 0x0fa1
  message.poet_service_id = Bytes(32, 0x05);
  message.round_id = "17";
  message.statement = test::Filled(0x06);
  return message;
}

// root (len 32 -> 80), 2 leaves (08, each 80 + bytes), 1 node (04, 80 + bytes), leaf_count a10f,
// service id (80 + bytes), round "17" (08 3137), statement, zero signature.
const std::string kSmallHex = "80" + Rep("01", 32) + "08" + "80" + Rep("02", 32) + "80" + Rep("03", 32) + "04" + "80" +
                              Rep("04", 32) + "a10f" + "80" + Rep("05", 32) + "083137" + Rep("06", 32) + Rep("00", 64);

}  // namespace

TEST_CASE("a small PoET proof message encodes to the hand-worked bytes", "[wire][poet]") {
  auto bytes = EncodePoetProofMessage(SmallMessage());
  REQUIRE(bytes.ok());
  CHECK(base::ToHex(*bytes) == kSmallHex);
  auto decoded = DecodePoetProofMessage(*bytes);
  REQUIRE(decoded.ok());
  CHECK(*decoded == SmallMessage());
}

TEST_CASE("the proof ref hashes SCALE(PoetProof) only", "[wire][poet]") {
  const PoetProofMessage message = SmallMessage();
  auto ref = PoetProofRef(message.proof);
  REQUIRE(ref.ok());
  // The proof is the message's first 136 bytes (1+32 + 1+2*33 + 1+33 + 2).
  const auto message_bytes = Unhex(kSmallHex);
  const std::span<const uint8_t> proof_bytes(message_bytes.data(), 1 + 32 + 1 + 66 + 1 + 33 + 2);
  CHECK(*ref == post::Blake3Hash({proof_bytes}));
  auto proof = DecodePoetProof(proof_bytes);
  REQUIRE(proof.ok());
  CHECK(*proof == message.proof);

  PoetProofMessage other = message;
  other.round_id = "18";
  other.statement = test::Filled(0x07);
  CHECK(*PoetProofRef(other.proof) == *ref);
  other.proof.leaf_count += 1;
  CHECK(*PoetProofRef(other.proof) != *ref);
}

TEST_CASE("PoET proof messages round trip at their limits", "[wire][poet]") {
  PoetProofMessage message;
  message.proof.root = Bytes(32, 0xaa);
  for (int i = 0; i < 150; ++i) message.proof.proven_leaves.push_back(Bytes(32, i));
  for (int i = 0; i < 5400; ++i) message.proof.proof_nodes.push_back(Bytes(i % 33, i));
  message.proof.leaf_count = uint64_t{1} << 40;
  message.poet_service_id = Bytes(32, 0x01);
  message.round_id = std::string(32, 'r');
  message.signature.fill(0x5a);
  auto bytes = EncodePoetProofMessage(message);
  REQUIRE(bytes.ok());
  auto decoded = DecodePoetProofMessage(*bytes);
  REQUIRE(decoded.ok());
  CHECK(*decoded == message);
}

TEST_CASE("PoET proof limits name the field", "[wire][poet]") {
  PoetProofMessage message = SmallMessage();
  message.proof.proof_nodes.push_back(Bytes(33, 0));
  CHECK(EncodePoetProofMessage(message).status().message() ==
        "poet proof message: proof.proof_nodes[1]: length 33 exceeds 32");

  message = SmallMessage();
  message.proof.proven_leaves.assign(151, Bytes(32, 0));
  CHECK(EncodePoetProof(message.proof).status().message() == "poet proof: proven_leaves: length 151 exceeds 150");

  message = SmallMessage();
  message.round_id = std::string(33, 'x');
  CHECK(EncodePoetProofMessage(message).status().message() == "poet proof message: round_id: length 33 exceeds 32");

  // 5401 proof nodes announced (0x5465 LE = 5401<<2|1).
  auto decoded = DecodePoetProof(Unhex("80" + Rep("01", 32) + "00" + "6554"));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().message() == "poet proof: proof_nodes: length 5401 exceeds 5400");
}

TEST_CASE("PoET proof messages reject trailing and missing bytes", "[wire][poet]") {
  auto bytes = Unhex(kSmallHex);
  bytes.push_back(9);
  CHECK(DecodePoetProofMessage(bytes).status().message() == "poet proof message: 1 trailing bytes");
  bytes.erase(bytes.end() - 65, bytes.end());
  auto truncated = DecodePoetProofMessage(bytes);
  REQUIRE_FALSE(truncated.ok());
  CHECK(Contains(truncated.status().message(), "signature: truncated"));
}
