// ATX V1: the layout of §3.1 worked out by hand, the id after node_id is set, signatures.
// Expected ids come from b3sum and the signature from Python's `cryptography` over the
// hand-written bytes, not from this code.
#include "node/wire/atx.h"

#include <catch2/catch.hpp>

#include "wire_test_util.h"

namespace {

using namespace node::wire;
using test::Contains;
using test::Filled;
using test::Rep;
using test::Unhex;

// RFC 8032 test 1: seed || public key.
const std::string kSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const std::string kPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

std::array<uint8_t, 64> PrivateKey() {
  const auto bytes = Unhex(kSeed + kPublic);
  std::array<uint8_t, 64> key;
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

ActivationTxV1 InitialAtx() {
  ActivationTxV1 atx;
  NIPostChallengeV1& challenge = atx.inner.challenge;
  challenge.publish_epoch = 2;
  challenge.positioning_atx = Filled(0x11);
  challenge.commitment_atx = Filled(0x22);
  challenge.initial_post = PostV1{5, {0xaa, 0xbb, 0xcc}, 70000};
  std::fill(atx.inner.coinbase.begin() + 4, atx.inner.coinbase.end(), 0x55);
  atx.inner.num_units = 4;
  NIPostV1& nipost = atx.inner.nipost.emplace();
  nipost.membership = {{Filled(0x66), Filled(0x77)}, 1};
  nipost.post = PostV1{1, {0x01}, 0};
  nipost.post_metadata = PostMetadataV1{std::vector<uint8_t>(32, 0x88), 1024};
  atx.inner.node_id = Filled(0x99);
  atx.inner.vrf_nonce = uint64_t{1} << 32;
  atx.smesher_id = Filled(0x99);
  atx.signature.fill(0xee);
  return atx;
}

// The challenge fields (see challenge_test.cc), coinbase, num_units 4 -> 10, Some(nipost:
// 2 nodes -> 08, leaf_index 1 -> 04, Some(post 04 0401 00), Some(metadata: len 32 -> 80,
// labels_per_unit 1024 -> 1024<<2|1 = 0110)), Some(node_id), Some(vrf_nonce 2^32 -> 07 + 5 bytes).
std::string InnerHex(const std::string& node_id_hex) {
  return "0800" + Rep("00", 32) + Rep("11", 32) + "01" + Rep("22", 32) + "01140caabbccc2450400" + Rep("00", 4) +
         Rep("55", 20) + "10" + "01" + "08" + Rep("66", 32) + Rep("77", 32) + "04" +
         "01"
         "04"
         "0401"
         "00" +
         "01"
         "80" +
         Rep("88", 32) + "0110" + "01" + node_id_hex +
         "01"
         "070000000001";
}

const Hash20 kGenesis = GenesisId(10101, "one");

}  // namespace

TEST_CASE("an initial ATX encodes to the hand-worked bytes", "[wire][atx]") {
  auto bytes = EncodeAtx(InitialAtx());
  REQUIRE(bytes.ok());
  CHECK(base::ToHex(*bytes) == InnerHex(Rep("99", 32)) + Rep("99", 32) + Rep("ee", 64));
}

TEST_CASE("the ATX id is blake3 of the inner fields only", "[wire][atx]") {
  ActivationTxV1 atx = InitialAtx();
  auto id = AtxId(atx);
  REQUIRE(id.ok());
  CHECK(base::ToHex(*id) == "d5b281842cfd2042849e693e6342f48fb33d228bca92fe3de1c24b93673ede98");
  atx.smesher_id = Filled(0x01);
  atx.signature.fill(0x02);
  auto same = AtxId(atx);
  REQUIRE(same.ok());
  CHECK(*same == *id);
}

TEST_CASE("ATXs round trip, and other shapes too", "[wire][atx]") {
  const ActivationTxV1 initial = InitialAtx();
  auto decoded = DecodeAtx(*EncodeAtx(initial));
  REQUIRE(decoded.ok());
  CHECK(*decoded == initial);

  ActivationTxV1 later;
  later.inner.challenge.publish_epoch = 70000;
  later.inner.challenge.sequence = 3;
  later.inner.challenge.prev_atx = Filled(0x01);
  later.inner.challenge.positioning_atx = Filled(0x02);
  later.inner.num_units = 1u << 31;
  later.inner.nipost.emplace();  // no post, no metadata, no nodes
  later.smesher_id = Filled(0x03);
  auto later_decoded = DecodeAtx(*EncodeAtx(later));
  REQUIRE(later_decoded.ok());
  CHECK(*later_decoded == later);
  CHECK_FALSE(later_decoded->inner.vrf_nonce.has_value());
  CHECK_FALSE(later_decoded->inner.node_id.has_value());
}

TEST_CASE("ATX length limits name the field", "[wire][atx]") {
  ActivationTxV1 atx = InitialAtx();
  atx.inner.nipost->post->indices.assign(900, 1);
  auto encoded = EncodeAtx(atx);
  REQUIRE_FALSE(encoded.ok());
  CHECK(encoded.status().message() == "atx: nipost.post.indices: length 900 exceeds 800");

  atx = InitialAtx();
  atx.inner.nipost->membership.nodes.assign(33, Filled(0));
  CHECK(EncodeAtx(atx).status().message() == "atx: nipost.membership.nodes: length 33 exceeds 32");
  atx.inner.nipost->membership.nodes.assign(32, Filled(0));
  CHECK(DecodeAtx(*EncodeAtx(atx)).ok());

  atx = InitialAtx();
  atx.inner.nipost->post_metadata->challenge.assign(33, 0);
  CHECK(EncodeAtx(atx).status().message() == "atx: nipost.post_metadata.challenge: length 33 exceeds 32");

  // A decoded length above the maximum: indices length 900 (0x0e11) in place of 0401.
  std::string hex = InnerHex(Rep("99", 32)) + Rep("99", 32) + Rep("ee", 64);
  const std::string post =
      "01"
      "04"
      "0401"
      "00";
  const size_t at = hex.find(post, 2 * 170);
  REQUIRE(at != std::string::npos);
  hex.replace(at, post.size(),
              "01"
              "04"
              "110e" +
                  Rep("01", 900) + "00");
  auto decoded = DecodeAtx(Unhex(hex));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().message() == "atx: nipost.post.indices: length 900 exceeds 800");
}

TEST_CASE("ATX decoding rejects trailing and missing bytes", "[wire][atx]") {
  auto bytes = *EncodeAtx(InitialAtx());
  bytes.push_back(0);
  CHECK(DecodeAtx(bytes).status().message() == "atx: 1 trailing bytes");
  bytes.erase(bytes.end() - 2, bytes.end());
  auto truncated = DecodeAtx(bytes);
  REQUIRE_FALSE(truncated.ok());
  CHECK(Contains(truncated.status().message(), "atx: signature: truncated"));
}

TEST_CASE("signed bytes are SCALE{publish, id}", "[wire][atx]") {
  CHECK(base::ToHex(SignedBytes(2, Filled(0xab))) == "08" + Rep("ab", 32));
  CHECK(base::ToHex(SignedBytes(64, Filled(0xab))) == "0101" + Rep("ab", 32));
}

TEST_CASE("SignAtx sets node_id on an initial ATX before computing the id", "[wire][atx]") {
  ActivationTxV1 atx = InitialAtx();
  atx.inner.node_id.reset();
  atx.smesher_id = {};
  REQUIRE(SignAtx(PrivateKey(), kGenesis, atx).ok());
  CHECK(base::ToHex(*atx.inner.node_id) == kPublic);
  CHECK(base::ToHex(atx.smesher_id) == kPublic);
  auto id = AtxId(atx);
  REQUIRE(id.ok());
  CHECK(base::ToHex(*id) == "e91c1896c5612c90e799ed5cdae5488f36a51f78ced27a4bdc59348b5b6bcf5d");
  CHECK(base::ToHex(atx.signature) ==
        "62fae03840d59530bd98870f661d1d6ed4397b4ccdbdc7fd82000a5d00a128f6"
        "17593571f0e9c37cd44f0c3c40a2253a02fd71157488a83554164a4193563105");
  CHECK(VerifyAtxSignature(kGenesis, atx).ok());
  auto decoded = DecodeAtx(*EncodeAtx(atx));
  REQUIRE(decoded.ok());
  CHECK(VerifyAtxSignature(kGenesis, *decoded).ok());
}

TEST_CASE("a later ATX keeps node_id None", "[wire][atx]") {
  ActivationTxV1 atx = InitialAtx();
  atx.inner.challenge.prev_atx = Filled(0x05);
  atx.inner.node_id.reset();
  REQUIRE(SignAtx(PrivateKey(), kGenesis, atx).ok());
  CHECK_FALSE(atx.inner.node_id.has_value());
  CHECK(VerifyAtxSignature(kGenesis, atx).ok());
}

TEST_CASE("a flipped bit anywhere signed fails verification", "[wire][atx]") {
  ActivationTxV1 signed_atx = InitialAtx();
  REQUIRE(SignAtx(PrivateKey(), kGenesis, signed_atx).ok());
  const auto bytes = *EncodeAtx(signed_atx);
  // Every 7th byte: signed fields, smesher id and signature alike.
  for (size_t i = 0; i < bytes.size(); i += 7) {
    auto flipped = bytes;
    flipped[i] ^= 0x01;
    auto atx = DecodeAtx(flipped);
    if (!atx.ok()) continue;  // the flip broke the encoding itself
    INFO("byte " << i);
    const base::Status status = VerifyAtxSignature(kGenesis, *atx);
    CHECK(status.code() == base::Status::Code::kInvalidProof);
    CHECK(status.message() == "invalid atx signature");
  }
  ActivationTxV1 other_network = signed_atx;
  CHECK_FALSE(VerifyAtxSignature(GenesisId(10102, "one"), other_network).ok());
}

TEST_CASE("SignAtx rejects a key whose halves disagree", "[wire][atx]") {
  auto key = PrivateKey();
  key[40] ^= 1;
  ActivationTxV1 atx = InitialAtx();
  const base::Status status = SignAtx(key, kGenesis, atx);
  CHECK(status.code() == base::Status::Code::kInvalidArgument);
  CHECK(Contains(status.message(), "sign atx"));
}
