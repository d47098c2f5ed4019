// End to end: a real post-service process and the test node over loopback.
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "harness.h"
#include "test_node.h"
#include "tiny_dataset.h"

namespace post_service::test {
namespace {

namespace pb = spacemesh::v1;

std::string Address(const TestNode& node) { return "http://127.0.0.1:" + std::to_string(node.port()); }

TEST_CASE("e2e: the service registers with the node's metadata and delivers a valid proof", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  ServiceProcess service(TinyArgs(tiny.dir.path(), Address(*node)), false);

  const auto meta = node->WaitForRegistration(1, kTimeout);
  REQUIRE(meta);
  CHECK(meta->node_id() == std::string(tiny.meta.node_id.begin(), tiny.meta.node_id.end()));
  CHECK(meta->commitment_atx_id() ==
        std::string(tiny.meta.commitment_atx_id.begin(), tiny.meta.commitment_atx_id.end()));
  CHECK(meta->num_units() == tiny.meta.num_units);
  CHECK(meta->labels_per_unit() == tiny.meta.labels_per_unit);
  REQUIRE(tiny.meta.nonce.has_value());
  CHECK(meta->nonce() == *tiny.meta.nonce);

  const std::string challenge = Challenge(10);
  const auto response = node->Proof(challenge, kTimeout);
  REQUIRE(response);
  INFO(service.process().Output());
  REQUIRE(response->status() == pb::GEN_PROOF_STATUS_OK);
  REQUIRE(response->has_proof());
  REQUIRE(response->has_metadata());
  CHECK(response->metadata().challenge() == challenge);
  const auto verified = VerifyTinyProof(*response, challenge);
  INFO(verified.ToString());
  CHECK(verified.ok());

  // An initial post: the all-zero challenge works the same way.
  const std::string zero(32, '\0');
  const auto initial = node->Proof(zero, kTimeout);
  REQUIRE(initial);
  REQUIRE(initial->has_proof());
  CHECK(VerifyTinyProof(*initial, zero).ok());
}

TEST_CASE("e2e: /status goes Idle -> Proving -> DoneProving -> Idle", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  ServiceProcess service(TinyArgs(tiny.dir.path(), Address(*node)), true);
  const uint16_t port = service.operator_port();
  REQUIRE(node->WaitForRegistration(1, kTimeout));
  CHECK(HttpGet(port, "/status") == R"("Idle")");

  const std::string challenge = Challenge(11);
  const auto started = node->Ask(challenge, kTimeout);  // one request: the test polls /status itself
  REQUIRE(started);
  CHECK(started->status() == pb::GEN_PROOF_STATUS_OK);
  CHECK_FALSE(started->has_proof());

  const std::regex proving(R"(\{"Proving":\{"nonces":\{"start":\d+,"end":\d+\},"position":\d+\}\})");
  std::vector<std::string> seen;
  REQUIRE(PollUntil([&] {
    auto body = HttpGet(port, "/status");
    if (body && (seen.empty() || seen.back() != *body)) seen.push_back(*body);
    return body == R"("DoneProving")";
  }));
  INFO("states seen: " << nlohmann::json(seen).dump());
  REQUIRE(seen.size() >= 2);  // at least one Proving state before DoneProving
  for (size_t i = 0; i + 1 < seen.size(); ++i) CHECK(std::regex_match(seen[i], proving));

  const auto detail = nlohmann::json::parse(HttpGet(port, "/status/detail").value_or("{}"));
  CHECK(detail["state"] == "DoneProving");
  CHECK(detail["phase"] == "done");
  CHECK(detail["identity"] == base::ToHex(tiny.meta.node_id));
  CHECK(detail["num_units"] == tiny.meta.num_units);
  CHECK(detail["node"]["connected"] == true);

  const auto proof = node->Ask(challenge, kTimeout);
  REQUIRE(proof);
  REQUIRE(proof->has_proof());
  CHECK(VerifyTinyProof(*proof, challenge).ok());
  CHECK(HttpGet(port, "/status") == R"("Idle")");

  const auto metrics = HttpGet(port, "/metrics");
  REQUIRE(metrics);
  const std::string id = "identity=\"" + base::ToHex(tiny.meta.node_id) + "\"";
  CHECK(metrics->find("post_service_state{" + id + ",state=\"Idle\"} 1") != std::string::npos);
  CHECK(metrics->find("post_service_proofs_total{" + id + ",result=\"ok\"} 1") != std::string::npos);
  CHECK_FALSE(HttpGet(port, "/nothing-here"));
}

TEST_CASE("e2e: another challenge while proving is an ERROR; SIGTERM stops the proof promptly", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  auto args = TinyArgs(tiny.dir.path(), Address(*node), kSlowPow);
  SetFlag(args, "--k2", "2000");  // no nonce collects 2000 labels: proving lasts until stopped
  ServiceProcess service(args, true);
  REQUIRE(node->WaitForRegistration(1, kTimeout));

  const auto first = node->Ask(Challenge(12), kTimeout);
  REQUIRE(first);
  CHECK(first->status() == pb::GEN_PROOF_STATUS_OK);
  const auto same = node->Ask(Challenge(12), kTimeout);
  REQUIRE(same);
  CHECK(same->status() == pb::GEN_PROOF_STATUS_OK);
  CHECK_FALSE(same->has_proof());
  const auto other = node->Ask(Challenge(13), kTimeout);
  REQUIRE(other);
  CHECK(other->status() == pb::GEN_PROOF_STATUS_ERROR);
  CHECK_FALSE(other->has_proof());
  CHECK(service.process().Output().find("different challenge") != std::string::npos);

  // Wait until k2pow runs, then stop the service in the middle of it.
  REQUIRE(PollUntil([&] {
    auto detail = HttpGet(service.operator_port(), "/status/detail");
    return detail && nlohmann::json::parse(*detail)["pass"].get<int>() >= 1;
  }));
  service.process().Signal(SIGTERM);
  const auto code = service.process().Wait(kTimeout);
  INFO(service.process().Output());
  REQUIRE(code);
  CHECK(*code == 0);
  CHECK(service.process().Output().find("SIGTERM received") != std::string::npos);
}

TEST_CASE("e2e: a failed self-check answers ERROR", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  auto args = TinyArgs(tiny.dir.path(), Address(*node));
  SetFlag(args, "-n", "32");  // the data was made with N = 16
  ServiceProcess service(args, false);
  REQUIRE(node->WaitForRegistration(1, kTimeout));
  const auto response = node->Proof(Challenge(14), kTimeout);
  REQUIRE(response);
  CHECK(response->status() == pb::GEN_PROOF_STATUS_ERROR);
  CHECK_FALSE(response->has_proof());
  CHECK(service.process().Output().find("failed proof verification") != std::string::npos);
}

}  // namespace
}  // namespace post_service::test
