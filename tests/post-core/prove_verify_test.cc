#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <map>
#include <string>

#include "post/compression.h"
#include "post/labels.h"
#include "post/prove.h"
#include "post/scan.h"
#include "post/verify.h"
#include "test_util.h"
#include "tiny_dataset.h"

namespace post {
namespace {

std::unique_ptr<Verifier> MakeVerifier() {
  auto v = Verifier::Create(test::LightRandomX());
  REQUIRE(v.ok());
  return std::move(v).value();
}

ProofMetadata TinyProofMetadata(const base::Hash32& challenge) {
  const auto& meta = test::Tiny().meta;
  return {meta.node_id, meta.commitment_atx_id, challenge, meta.num_units, meta.labels_per_unit};
}

VerifyParams TinyParams(const nlohmann::json& p) {
  VerifyParams params;
  params.proof.k1 = p["k1"];
  params.proof.k2 = p["k2"];
  params.proof.pow_difficulty = test::Hex32(p["pow_difficulty"]);
  params.scrypt_n = test::Tiny().vectors["scrypt"]["n"];
  return params;
}

TEST_CASE("the reference proving vector: nonce 3 collects every third label", "[prove]") {
  const std::string text = "hello world, CHALLENGE me!!!!!!!";
  base::Hash32 challenge;
  std::memcpy(challenge.data(), text.data(), 32);
  std::vector<uint8_t> data(128 * 16);
  for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i % 12);
  const uint64_t pows[] = {0};
  PassScanner scanner(challenge, 0, pows, *ProvingDifficulty(4, 128));
  std::vector<ScanHit> found;
  scanner.Scan(data, 0, &found);
  std::map<uint32_t, std::vector<uint64_t>> hits;
  std::optional<uint32_t> winner;
  for (auto [nonce, index] : found) {
    if (winner) break;
    hits[nonce].push_back(index);
    if (hits[nonce].size() == 32) winner = nonce;
  }
  REQUIRE(winner == 3u);
  std::vector<uint64_t> expected;
  for (uint64_t i = 0; i < 32; ++i) expected.push_back(3 * i);
  CHECK(hits[3] == expected);
}

TEST_CASE("scan order: per label, then per nonce", "[prove]") {
  std::vector<uint8_t> zeros(8 * 16, 0);
  const uint64_t pows[] = {0};
  PassScanner scanner(base::Hash32{}, 0, pows, UINT64_MAX);
  std::vector<ScanHit> order;
  scanner.Scan(zeros, 0, &order);
  REQUIRE(order.size() == 128);
  for (size_t i = 0; i < order.size(); ++i) {
    CHECK(order[i] == std::make_pair(uint32_t(i % 16), uint64_t(i / 16)));
  }
}

TEST_CASE("scan order across nonce groups is chunk, group, label, nonce", "[prove]") {
  // Zero labels with the maximum difficulty qualify for every nonce of both groups.
  std::vector<uint8_t> zeros(16 * 16, 0);
  const uint64_t pows[] = {0, 0};
  PassScanner scanner(base::Hash32{}, 32, pows, UINT64_MAX);
  std::vector<ScanHit> order;
  scanner.Scan(zeros, 100, &order);
  REQUIRE(order.size() == 16 * 32);
  size_t i = 0;
  for (uint64_t chunk = 0; chunk < 2; ++chunk) {
    for (uint32_t group = 0; group < 2; ++group) {
      for (uint64_t label = 0; label < 8; ++label) {
        for (uint32_t o = 0; o < 16; ++o, ++i) {
          CHECK(order[i] == ScanHit(32 + group * 16 + o, 100 + chunk * 8 + label));
        }
      }
    }
  }
}

TEST_CASE("postdata-tiny proofs: valid ones verify, invalid ones fail for the stated reason", "[verify]") {
  auto verifier = MakeVerifier();
  for (const auto& p : test::Tiny().vectors["proofs"]) {
    const auto meta = TinyProofMetadata(test::Hex32(p["challenge"]));
    const auto params = TinyParams(p);
    Proof valid{p["valid"]["nonce"], test::Hex(p["valid"]["indices"]), p["valid"]["pow"]};
    CHECK(verifier->Verify(valid, meta, params).ok());
    CHECK(verifier->Verify(valid, meta, params, VerifyMode::One(5)).ok());
    CHECK(verifier->Verify(valid, meta, params, VerifyMode::Subset(3, {1, 2, 3})).ok());
    CHECK(DecompressIndices(valid.indices, 12, 8) == p["valid"]["indices_decoded"].get<std::vector<uint64_t>>());
    for (const auto& bad : p["invalid"]) {
      INFO(bad["what"]);
      Proof proof{bad["nonce"], test::Hex(bad["indices"]), bad["pow"]};
      base::Status s = verifier->Verify(proof, meta, params);
      CHECK(s.code() == base::Status::Code::kInvalidProof);
      CHECK(s.message().rfind(bad["expect"].get<std::string>(), 0) == 0);
    }
  }
}

TEST_CASE("verification names the failing index, and checks units and nonce groups", "[verify]") {
  auto verifier = MakeVerifier();
  const auto& p = test::Tiny().vectors["proofs"][0];
  const auto meta = TinyProofMetadata(test::Hex32(p["challenge"]));
  auto params = TinyParams(p);
  const auto& bad = p["invalid"][2];
  base::Status s = verifier->Verify({bad["nonce"], test::Hex(bad["indices"]), bad["pow"]}, meta, params);
  CHECK_THAT(s.message(), Catch::Contains("proof index #0 (label 0)"));
  // A One check of an untouched index still passes.
  CHECK(verifier->Verify({bad["nonce"], test::Hex(bad["indices"]), bad["pow"]}, meta, params, VerifyMode::One(1)).ok());

  params.min_num_units = 3;
  Proof valid{p["valid"]["nonce"], test::Hex(p["valid"]["indices"]), p["valid"]["pow"]};
  CHECK(verifier->Verify(valid, meta, params).message().rfind("num units out of range", 0) == 0);
  params.min_num_units = 1;
  Proof big_nonce = valid;
  big_nonce.nonce = 256 * 16;
  CHECK(verifier->Verify(big_nonce, meta, params).message().rfind("nonce group out of bounds", 0) == 0);
}

TEST_CASE("proving the tiny vectors' challenges reproduces their proofs", "[prove]") {
  for (const auto& p : test::Tiny().vectors["proofs"]) {
    const auto params = TinyParams(p);
    ProvingOptions options;
    options.nonces = 16;
    options.threads = 1;
    auto proof = GenerateProof(test::Tiny().dir.path(), test::Hex32(p["challenge"]), params.proof, options,
                               *test::LightRandomX());
    REQUIRE(proof.ok());
    CHECK(proof->nonce == p["valid"]["nonce"].get<uint32_t>());
    CHECK(proof->pow == p["valid"]["pow"].get<uint64_t>());
    CHECK(test::HexOf(proof->indices) == p["valid"]["indices"].get<std::string>());
  }
}

TEST_CASE("prove -> verify round trips over random challenges, threads and nonces", "[prove][verify]") {
  auto verifier = MakeVerifier();
  const auto& p = test::Tiny().vectors["proofs"][0];
  auto params = TinyParams(p);
  params.proof.k1 = 20;
  params.proof.k2 = 12;
  params.proof.pow_difficulty.fill(0x7f);  // k2pow is covered by its own tests; keep it cheap
  for (uint32_t round = 0; round < 6; ++round) {
    base::Hash32 challenge{};
    challenge[0] = uint8_t(round);
    challenge[31] = 0x5a;
    ProvingOptions options;
    options.nonces = round % 2 ? 32 : 16;
    options.threads = 1 + round % 3;
    options.batch_bytes = 128 * (1 + round * 7);  // many small batches across file boundaries
    auto proof = GenerateProof(test::Tiny().dir.path(), challenge, params.proof, options, *test::LightRandomX());
    REQUIRE(proof.ok());
    const auto meta = TinyProofMetadata(challenge);
    CHECK(verifier->Verify(*proof, meta, params).ok());
    base::Hash32 other = challenge;
    other[5] ^= 1;
    CHECK_FALSE(verifier->Verify(*proof, TinyProofMetadata(other), params).ok());
  }
}

TEST_CASE("a corrupted label makes verification fail and name that index", "[prove][verify]") {
  test::TempDir dir;
  for (const auto& entry : std::filesystem::directory_iterator(test::Tiny().dir.path())) {
    std::filesystem::copy_file(entry.path(), dir.path() / entry.path().filename());
  }
  // Labels 100..199 of postdata_0.bin all become the same bytes: where one qualifies for a
  // nonce, all do, so proofs pick them up.
  {
    std::fstream f(dir.path() / "postdata_0.bin", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100 * 16);
    std::vector<char> junk(100 * 16, 0x11);
    f.write(junk.data(), junk.size());
  }
  auto verifier = MakeVerifier();
  auto params = TinyParams(test::Tiny().vectors["proofs"][0]);
  params.proof.pow_difficulty.fill(0x7f);
  int failures = 0;
  for (uint32_t round = 0; round < 16; ++round) {
    base::Hash32 challenge{};
    challenge[1] = uint8_t(round);
    ProvingOptions options;
    options.nonces = 16;
    auto proof = GenerateProof(dir.path(), challenge, params.proof, options, *test::LightRandomX());
    REQUIRE(proof.ok());
    base::Status s = verifier->Verify(*proof, TinyProofMetadata(challenge), params);
    if (s.ok()) continue;
    ++failures;
    INFO(s.message());
    CHECK(s.message().rfind("index fails difficulty", 0) == 0);
    const auto pos = s.message().find("(label ");
    REQUIRE(pos != std::string::npos);
    const uint64_t label = std::stoull(s.message().substr(pos + 7));
    CHECK(label >= 100);
    CHECK(label < 200);
  }
  CHECK(failures > 0);
}

}  // namespace
}  // namespace post
