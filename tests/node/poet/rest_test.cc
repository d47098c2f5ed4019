// The PoET REST bodies: exact protojson output, round trips, the reference's leniency, and field
// errors that name the field.
#include <catch2/catch.hpp>

#include "node/poet/protojson_time.h"
#include "node/poet/rest.h"
#include "poet_test_util.h"

namespace node::poet {
namespace {

using namespace std::chrono_literals;
using test::Contains;

Bytes Seq(size_t n, uint8_t start = 0) {
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(start + i);
  return out;
}

// The message of a failed parse; fails the test when it parsed.
template <typename T>
std::string ErrorOf(const base::Result<T>& r) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == base::Status::Code::kInvalidArgument);
  return r.status().message();
}

TEST_CASE("protojson durations print as protojson does", "[poet][rest]") {
  CHECK(FormatProtoDuration(0s) == "0s");
  CHECK(FormatProtoDuration(30s) == "30s");
  CHECK(FormatProtoDuration(29500ms) == "29.500s");
  CHECK(FormatProtoDuration(1us) == "0.000001s");
  CHECK(FormatProtoDuration(1ns) == "0.000000001s");
  CHECK(FormatProtoDuration(-1500ms) == "-1.500s");
  CHECK(FormatProtoDuration(-1ms) == "-0.001s");
  CHECK(FormatProtoDuration(864000s) == "864000s");
}

TEST_CASE("protojson durations parse, and bad ones are refused", "[poet][rest]") {
  CHECK(*ParseProtoDuration("30s") == 30s);
  CHECK(*ParseProtoDuration("29.5s") == 29500ms);
  CHECK(*ParseProtoDuration("-0.001s") == -1ms);
  CHECK(*ParseProtoDuration("0.123456789s") == 123456789ns);
  for (const char* bad : {"", "s", "30", "1.s", ".5s", "1.1234567891s", "1m", "abc", "--1s", "99999999999999s"}) {
    INFO(bad);
    CHECK_FALSE(ParseProtoDuration(bad).ok());
  }
}

TEST_CASE("protojson timestamps reach year 1 and keep nanoseconds", "[poet][rest]") {
  CHECK(FormatProtoTimestamp(kGoZeroTime) == "0001-01-01T00:00:00Z");
  CHECK(*ParseProtoTimestamp("0001-01-01T00:00:00Z") == kGoZeroTime);
  CHECK(*ParseProtoTimestamp("1970-01-01T00:00:00Z") == Timestamp{0, 0});
  CHECK(FormatProtoTimestamp({1704164645, 123000000}) == "2024-01-02T03:04:05.123Z");
  CHECK(*ParseProtoTimestamp("2024-01-02T03:04:05.123Z") == Timestamp{1704164645, 123000000});
  CHECK(*ParseProtoTimestamp("2024-01-02T05:04:05.000000001+02:00") == Timestamp{1704164645, 1});
  CHECK(FormatProtoTimestamp({-1, 999999999}) == "1969-12-31T23:59:59.999999999Z");
  for (const char* bad : {"2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00",
                          "0000-01-01T00:00:00Z", "2024-01-01T00:00:00.Z"}) {
    INFO(bad);
    CHECK_FALSE(ParseProtoTimestamp(bad).ok());
  }
  const auto now = std::chrono::system_clock::now();
  CHECK(ToTimePoint(FromTimePoint(now)) == now);
  CHECK(ToTimePoint(kGoZeroTime) == std::chrono::system_clock::time_point::min());
}

TEST_CASE("Info is written with the gateway's keys and read back", "[poet][rest]") {
  const InfoBody info{Seq(32), 30s, 29500ms};
  const std::string json = EncodeInfo(info);
  CHECK(json ==
        R"({"servicePubkey":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=","phaseShift":"30s","cycleGap":"29.500s"})");
  auto back = ParseInfo(json);
  REQUIRE(back.ok());
  CHECK(back->service_pubkey == info.service_pubkey);
  CHECK(back->phase_shift == 30s);
  CHECK(back->cycle_gap == 29500ms);
  // The reference's extra fields (round ids, certifier) are ignored; proto names work too.
  auto reference = ParseInfo(R"({"openRoundId":"3","phase_shift":"1s","certifier":{"url":"x","pubkey":""}})");
  REQUIRE(reference.ok());
  CHECK(reference->phase_shift == 1s);
  CHECK(Contains(ErrorOf(ParseInfo(R"({"phaseShift":30})")), "field phaseShift"));
}

TEST_CASE("PoW parameters round trip", "[poet][rest]") {
  const PowParamsBody params{8, Seq(32, 7)};
  const std::string json = EncodePowParams(params);
  CHECK(Contains(json, R"({"powParams":{"difficulty":8,"challenge":")"));
  auto back = ParsePowParams(json);
  REQUIRE(back.ok());
  CHECK(*back == params);
  CHECK(ParsePowParams(R"({"pow_params":{"difficulty":"8"}})")->difficulty == 8);
  CHECK(ParsePowParams("{}")->difficulty == 0);
  CHECK(Contains(ErrorOf(ParsePowParams(R"({"powParams":{"difficulty":4294967296}})")), "field powParams.difficulty"));
  CHECK(Contains(ErrorOf(ParsePowParams(R"({"powParams":[]})")), "field powParams: want an object"));
}

TEST_CASE("SubmitRequest round trips and accepts what protojson accepts", "[poet][rest]") {
  SubmitRequestBody request;
  request.nonce = 18446744073709551615ull;
  request.pow_params = {3, Seq(32, 1)};
  request.prefix = Seq(21);
  request.challenge = Seq(32, 2);
  request.pubkey = Seq(32, 3);
  request.signature = Seq(64, 4);
  request.deadline = Timestamp{1704164645, 5000};
  const std::string json = EncodeSubmitRequest(request);
  CHECK(Contains(json, R"("nonce":"18446744073709551615")"));
  CHECK(Contains(json, R"("deadline":"2024-01-02T03:04:05.000005Z")"));
  auto back = ParseSubmitRequest(json);
  REQUIRE(back.ok());
  CHECK(back->nonce == request.nonce);
  CHECK(back->pow_params == request.pow_params);
  CHECK(back->prefix == request.prefix);
  CHECK(back->challenge == request.challenge);
  CHECK(back->pubkey == request.pubkey);
  CHECK(back->signature == request.signature);
  CHECK(back->deadline == request.deadline);

  // u64 as a number, proto names, URL-safe unpadded base64, nulls, unknown keys.
  auto lenient = ParseSubmitRequest(
      R"({"nonce":42,"pow_params":{"difficulty":1},"pubkey":"-_8","signature":null,"certificate":{"data":"AA=="},"x":1})");
  REQUIRE(lenient.ok());
  CHECK(lenient->nonce == 42);
  CHECK(lenient->pow_params.difficulty == 1);
  CHECK(lenient->pubkey == Bytes{0xfb, 0xff});
  CHECK(lenient->signature.empty());
  CHECK_FALSE(lenient->deadline.has_value());
}

TEST_CASE("SubmitRequest field errors name the field", "[poet][rest]") {
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"nonce":"abc"})")), "field nonce"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"nonce":-1})")), "field nonce"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"nonce":1.5})")), "field nonce"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"nonce":"18446744073709551616"})")), "field nonce"));
  CHECK(ParseSubmitRequest(R"({"nonce":1e3})")->nonce == 1000);
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"powParams":{"difficulty":true}})")), "field powParams.difficulty"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"signature":"not base64!"})")), "field signature: not valid base64"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"pubkey":7})")), "field pubkey"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"deadline":"tomorrow"})")), "field deadline"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest("[1]")), "want an object"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest("{")), "not valid JSON"));
  CHECK(Contains(ErrorOf(ParseSubmitRequest(R"({"nonce":"x"})")), "SubmitRequest"));
}

TEST_CASE("SubmitResponse carries the round and the time left", "[poet][rest]") {
  const std::string json = EncodeSubmitResponse({"12", 1500ms});
  CHECK(json == R"({"roundId":"12","roundEnd":"1.500s"})");
  auto back = ParseSubmitResponse(json);
  REQUIRE(back.ok());
  CHECK(back->round_id == "12");
  CHECK(back->round_end == 1500ms);
  CHECK(Contains(ErrorOf(ParseSubmitResponse(R"({"roundId":12})")), "field roundId"));
}

TEST_CASE("ProofResponse round trips with leaves as a string or a number", "[poet][rest]") {
  ProofResponseBody body;
  body.proof.root = Seq(32, 9);
  body.proof.proven_leaves = {Seq(32, 1), Seq(32, 2)};
  body.proof.proof_nodes = {Seq(32, 3)};
  body.proof.leaf_count = 1234;
  body.members = {Seq(32, 5), Seq(32, 6)};
  body.pubkey = Seq(32, 7);
  const std::string json = EncodeProofResponse(body);
  CHECK(Contains(json, R"({"proof":{"proof":{"root":")"));
  CHECK(Contains(json, R"("leaves":"1234"},"pubkey":")"));
  auto back = ParseProofResponse(json);
  REQUIRE(back.ok());
  CHECK(back->proof == body.proof);
  CHECK(back->members == body.members);
  CHECK(back->pubkey == body.pubkey);
  CHECK(ParseProofResponse(R"({"proof":{"leaves":99}})")->proof.leaf_count == 99);
  CHECK(ParseProofResponse(R"({"proof":{"proof":{"proven_leaves":["AA=="]}}})")->proof.proven_leaves.size() == 1);
  CHECK(Contains(ErrorOf(ParseProofResponse(R"({"proof":{"members":"AA=="}})")), "field proof.members"));
  CHECK(Contains(ErrorOf(ParseProofResponse(R"({"proof":{"proof":{"provenLeaves":[1]}}})")),
                 "field proof.proof.provenLeaves[0]"));
}

TEST_CASE("errors use the gateway's body", "[poet][rest]") {
  CHECK(EncodeError({6, "conflicting registration"}) ==
        R"({"code":6,"message":"conflicting registration","details":[]})");
  auto back = ParseError(R"({"code":9,"message":"too late","details":[]})");
  REQUIRE(back.ok());
  CHECK(back->code == 9);
  CHECK(back->message == "too late");
}

}  // namespace
}  // namespace node::poet
