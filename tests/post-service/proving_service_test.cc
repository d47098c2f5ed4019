// The proving state machine in-process, over the tiny dataset.
#include <catch2/catch.hpp>
#include <thread>

#include "harness.h"
#include "post_service/proving_service.h"
#include "post_service/request_handler.h"
#include "tiny_dataset.h"

namespace post_service {
namespace {

using test::kTimeout;

ProvingConfig TinyConfig(const std::filesystem::path& dir) {
  ProvingConfig c;
  c.dir = dir;
  c.params = {test::kK1, test::kK2, post::test::Hex32(test::kEasyPow)};
  c.scrypt_n = 16;
  c.options.nonces = 16;
  c.options.threads = 1;
  c.randomx_mode = post::RandomXMode::kLight;
  return c;
}

std::span<const uint8_t> Span(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

bool WaitDone(const ProvingService& service) {
  return test::PollUntil([&] { return service.Status().state == ServiceState::kDoneProving; });
}

TEST_CASE("proving service: idle -> proving -> done -> proof -> idle", "[proving]") {
  const auto& tiny = post::test::Tiny();
  ProvingService service(TinyConfig(tiny.dir.path()), tiny.meta);
  CHECK(service.Status().state == ServiceState::kIdle);
  CHECK(service.GenProof(Span("short")).kind == GenProofReply::Kind::kError);

  const std::string challenge = test::Challenge(1);
  CHECK(service.GenProof(Span(challenge)).kind == GenProofReply::Kind::kInProgress);
  REQUIRE(WaitDone(service));
  CHECK(service.Status().progress.phase == Phase::kDone);

  const auto reply = service.GenProof(Span(challenge));
  REQUIRE(reply.kind == GenProofReply::Kind::kProof);
  CHECK(std::string(reply.meta.challenge.begin(), reply.meta.challenge.end()) == challenge);
  CHECK(reply.meta.node_id == tiny.meta.node_id);
  const auto status = service.Status();
  CHECK(status.state == ServiceState::kIdle);
  CHECK(status.proofs_ok == 1);
  CHECK(status.last_proof_seconds.has_value());

  // The answer may have been lost with the connection: asking again gets the same proof.
  const auto again = service.GenProof(Span(challenge));
  REQUIRE(again.kind == GenProofReply::Kind::kProof);
  CHECK(again.proof == reply.proof);
}

TEST_CASE("proving service: a finished proof nobody fetched gives way to a new challenge", "[proving]") {
  const auto& tiny = post::test::Tiny();
  ProvingService service(TinyConfig(tiny.dir.path()), tiny.meta);
  CHECK(service.GenProof(Span(test::Challenge(6))).kind == GenProofReply::Kind::kInProgress);
  REQUIRE(WaitDone(service));
  CHECK(service.GenProof(Span(test::Challenge(7))).kind == GenProofReply::Kind::kInProgress);
  CHECK(service.Status().state == ServiceState::kProving);
  REQUIRE(WaitDone(service));
  const auto reply = service.GenProof(Span(test::Challenge(7)));
  REQUIRE(reply.kind == GenProofReply::Kind::kProof);
  const std::string challenge = test::Challenge(7);
  CHECK(std::string(reply.meta.challenge.begin(), reply.meta.challenge.end()) == challenge);
}

TEST_CASE("proving service: a failed self-check is an error, then idle again", "[proving]") {
  const auto& tiny = post::test::Tiny();
  auto config = TinyConfig(tiny.dir.path());
  config.scrypt_n = 32;  // not the N the data was made with: every label recomputes differently
  ProvingService service(config, tiny.meta);
  const std::string challenge = test::Challenge(2);
  CHECK(service.GenProof(Span(challenge)).kind == GenProofReply::Kind::kInProgress);
  REQUIRE(WaitDone(service));
  const auto reply = service.GenProof(Span(challenge));
  REQUIRE(reply.kind == GenProofReply::Kind::kError);
  CHECK(reply.error.find("failed proof verification") != std::string::npos);
  const auto status = service.Status();
  CHECK(status.state == ServiceState::kIdle);
  CHECK(status.proofs_failed == 1);
  CHECK(status.last_error.find("failed proof verification") != std::string::npos);
  CHECK(service.GenProof(Span(challenge)).kind == GenProofReply::Kind::kInProgress);  // a fresh try
}

TEST_CASE("proving service: another challenge while proving is an error; Stop aborts", "[proving]") {
  const auto& tiny = post::test::Tiny();
  auto config = TinyConfig(tiny.dir.path());
  config.params.k2 = 2000;  // no nonce can collect that many labels: the proof runs until stopped
  config.params.pow_difficulty = post::test::Hex32(test::kSlowPow);
  ProvingService service(config, tiny.meta);
  CHECK(service.GenProof(Span(test::Challenge(3))).kind == GenProofReply::Kind::kInProgress);
  CHECK(service.GenProof(Span(test::Challenge(3))).kind == GenProofReply::Kind::kInProgress);
  const auto other = service.GenProof(Span(test::Challenge(4)));
  CHECK(other.kind == GenProofReply::Kind::kError);
  CHECK(other.error.find("different challenge") != std::string::npos);
  CHECK(service.Status().state == ServiceState::kProving);
  CHECK(service.Stop(kTimeout));
  CHECK(service.GenProof(Span(test::Challenge(3))).kind == GenProofReply::Kind::kError);
}

TEST_CASE("request handler: metadata and proof responses carry the data's identity", "[proving]") {
  const auto& tiny = post::test::Tiny();
  ProvingService service(TinyConfig(tiny.dir.path()), tiny.meta);
  spacemesh::v1::NodeRequest request;
  request.mutable_metadata();
  const auto meta = HandleNodeRequest(request, tiny.meta, service);
  REQUIRE(meta.has_metadata());
  const auto& m = meta.metadata().meta();
  CHECK(m.node_id() == std::string(tiny.meta.node_id.begin(), tiny.meta.node_id.end()));
  CHECK(m.commitment_atx_id() == std::string(tiny.meta.commitment_atx_id.begin(), tiny.meta.commitment_atx_id.end()));
  CHECK(m.num_units() == tiny.meta.num_units);
  CHECK(m.labels_per_unit() == tiny.meta.labels_per_unit);
  CHECK(m.has_nonce() == tiny.meta.nonce.has_value());

  request.mutable_gen_proof()->set_challenge("not 32 bytes");
  auto reply = HandleNodeRequest(request, tiny.meta, service);
  REQUIRE(reply.has_gen_proof());
  CHECK(reply.gen_proof().status() == spacemesh::v1::GEN_PROOF_STATUS_ERROR);

  const std::string challenge = test::Challenge(5);
  request.mutable_gen_proof()->set_challenge(challenge);
  reply = HandleNodeRequest(request, tiny.meta, service);
  CHECK(reply.gen_proof().status() == spacemesh::v1::GEN_PROOF_STATUS_OK);
  CHECK_FALSE(reply.gen_proof().has_proof());
  REQUIRE(WaitDone(service));
  reply = HandleNodeRequest(request, tiny.meta, service);
  REQUIRE(reply.gen_proof().has_proof());
  CHECK(reply.gen_proof().metadata().challenge() == challenge);
  CHECK(test::VerifyTinyProof(reply.gen_proof(), challenge).ok());

  spacemesh::v1::NodeRequest empty;
  CHECK(HandleNodeRequest(empty, tiny.meta, service).gen_proof().status() == spacemesh::v1::GEN_PROOF_STATUS_ERROR);
}

}  // namespace
}  // namespace post_service
