// End to end: the node going away and coming back, TLS, --max-retries and --watch-pid.
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness.h"
#include "support/certs.h"
#include "test_node.h"
#include "tiny_dataset.h"

namespace post_service::test {
namespace {

namespace pb = spacemesh::v1;
using sm::test::MakeTestCerts;
using sm::test::ReadText;
using sm::test::TestCerts;

// Waits for the service to exit and checks its exit code and that its output mentions `text`.
void CheckExit(ServiceProcess& service, int expected_code, const std::string& text) {
  const auto code = service.process().Wait(kTimeout);
  INFO(service.process().Output());
  REQUIRE(code);
  CHECK(*code == expected_code);
  CHECK(service.process().Output().find(text) != std::string::npos);
}

TEST_CASE("e2e: a node restart in the middle of a proof; the proof is still delivered", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  const int port = node->port();
  ServiceProcess service(TinyArgs(tiny.dir.path(), "http://127.0.0.1:" + std::to_string(port), kSlowPow), true);
  REQUIRE(node->WaitForRegistration(1, kTimeout));

  const std::string challenge = Challenge(20);
  const auto started = node->Ask(challenge, kTimeout);
  REQUIRE(started);
  CHECK(started->status() == pb::GEN_PROOF_STATUS_OK);
  CHECK(HttpGet(service.operator_port(), "/status") != R"("Idle")");

  node.reset();  // the node goes away with the stream open
  REQUIRE(PollUntil([&] {
    auto detail = HttpGet(service.operator_port(), "/status/detail");
    return detail && nlohmann::json::parse(*detail)["node"]["connected"] == false;
  }));
  CHECK(HttpGet(service.operator_port(), "/status") != R"("Idle")");  // the proof goes on

  TestNodeOptions same_port;
  same_port.port = port;
  node = TestNode::Start(same_port);
  REQUIRE(node);
  REQUIRE(node->WaitForRegistration(1, kTimeout));  // the service came back by itself
  const auto response = node->Proof(challenge, kTimeout);
  INFO(service.process().Output());
  REQUIRE(response);
  REQUIRE(response->has_proof());
  CHECK(response->metadata().challenge() == challenge);
  CHECK(VerifyTinyProof(*response, challenge, kSlowPow).ok());
  // One proof, not two: the service did not start over after the reconnect.
  const std::string out = service.process().Output();
  size_t starts = 0;
  for (size_t at = out.find("starting proof generation"); at != std::string::npos;
       at = out.find("starting proof generation", at + 1)) {
    ++starts;
  }
  CHECK(starts == 1);
}

TEST_CASE("e2e: mutual TLS with certificates made at test time", "[e2e][tls]") {
  const auto& tiny = post::test::Tiny();
  post::test::TempDir dir;
  const TestCerts certs = MakeTestCerts(dir.path());
  auto node = TestNode::Start(
      {.tls = ServerTls{ReadText(certs.ca_cert), ReadText(certs.server_cert), ReadText(certs.server_key)}});
  REQUIRE(node);
  auto args = TinyArgs(tiny.dir.path(), "https://127.0.0.1:" + std::to_string(node->port()));
  args.insert(args.end(), {"--ca-cert", certs.ca_cert.string(), "--cert", certs.client_cert.string(), "--key",
                           certs.client_key.string()});
  SECTION("the node's certificate checked against the address") {}
  SECTION("the node's certificate checked against --domain") { args.insert(args.end(), {"--domain", "localhost"}); }
  ServiceProcess service(args, false);
  REQUIRE(node->WaitForRegistration(1, kTimeout));
  const std::string challenge = Challenge(21);
  const auto response = node->Proof(challenge, kTimeout);
  REQUIRE(response);
  REQUIRE(response->has_proof());
  CHECK(VerifyTinyProof(*response, challenge).ok());
}

TEST_CASE("e2e: TLS with the wrong name never registers", "[e2e][tls]") {
  const auto& tiny = post::test::Tiny();
  post::test::TempDir dir;
  const TestCerts certs = MakeTestCerts(dir.path());
  auto node = TestNode::Start(
      {.tls = ServerTls{ReadText(certs.ca_cert), ReadText(certs.server_cert), ReadText(certs.server_key)}});
  REQUIRE(node);
  auto args = TinyArgs(tiny.dir.path(), "https://127.0.0.1:" + std::to_string(node->port()));
  args.insert(args.end(), {"--ca-cert", certs.ca_cert.string(), "--cert", certs.client_cert.string(), "--key",
                           certs.client_key.string(), "--domain", "not-the-node.example", "--max-retries", "1"});
  ServiceProcess service(args, false);
  CheckExit(service, 1, "max retries (1) reached");
  CHECK(node->registrations() == 0);
}

TEST_CASE("e2e: --max-retries gives up when no node listens", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  int port = 0;
  {
    auto probe = TestNode::Start({});  // a port that was free a moment ago and is closed now
    REQUIRE(probe);
    port = probe->port();
  }
  auto args = TinyArgs(tiny.dir.path(), "http://127.0.0.1:" + std::to_string(port));
  args.insert(args.end(), {"--max-retries", "2"});
  ServiceProcess service(args, false);
  CheckExit(service, 1, "max retries (2) reached");
}

TEST_CASE("e2e: --watch-pid exits when the watched process exits", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  post::test::TempDir dir;
  auto watched =
      std::make_unique<ChildProcess>(std::vector<std::string>{"/bin/sleep", "600"}, dir.path() / "sleep.log");
  auto args = TinyArgs(tiny.dir.path(), "http://127.0.0.1:" + std::to_string(node->port()));
  args.insert(args.end(), {"--watch-pid", std::to_string(watched->pid())});
  ServiceProcess service(args, false);
  REQUIRE(node->WaitForRegistration(1, kTimeout));
  CHECK_FALSE(service.process().Wait(std::chrono::milliseconds(0)));
  watched.reset();  // killed and reaped
  CheckExit(service, 0, "watched process");
}

TEST_CASE("e2e: SIGINT while idle exits cleanly", "[e2e]") {
  const auto& tiny = post::test::Tiny();
  auto node = TestNode::Start({});
  REQUIRE(node);
  ServiceProcess service(TinyArgs(tiny.dir.path(), "http://127.0.0.1:" + std::to_string(node->port())), false);
  REQUIRE(node->WaitForRegistration(1, kTimeout));
  service.process().Signal(SIGINT);
  CheckExit(service, 0, "");
}

}  // namespace
}  // namespace post_service::test
