#include <catch2/catch.hpp>

#include <grpcpp/grpcpp.h>

#include "node/api/post_connections.h"
#include "scripted_service.h"

namespace node {
namespace {

using namespace std::chrono_literals;
using test::Script;
using test::ScriptedService;

NamedIdentity MakeIdentity(const std::string& name) {
  auto identity = post::GenerateIdentity();
  REQUIRE(identity.ok());
  return {name, *identity};
}

// A node's post listener in-process: the identities, their states, events and the streams.
struct Fixture {
  explicit Fixture(bool allow = true)
      : ids{MakeIdentity("a.key"), MakeIdentity("b.key")}, smeshers(ids, false), posts(&smeshers, &events) {
    smeshers.set_connections_allowed(allow);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&posts);
    server = builder.BuildAndStart();
    REQUIRE(server);
  }
  ~Fixture() {
    posts.Close();
    server->Shutdown(std::chrono::system_clock::now());
    server->Wait();
  }

  base::Hash32 a() const { return ids[0].node_id(); }
  bool WaitConnected(size_t n) {
    for (int i = 0; i < 400 && posts.connected() != n; ++i) std::this_thread::sleep_for(5ms);
    return posts.connected() == n;
  }

  std::vector<NamedIdentity> ids;
  Smeshers smeshers;
  EventBus events;
  PostConnections posts;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
};

ProofOptions Fast() {
  ProofOptions options;
  options.poll_interval = 10ms;
  options.deadline = std::chrono::system_clock::now() + 20s;
  return options;
}

base::Hash32 Challenge() {
  base::Hash32 challenge;
  challenge.fill(0x5c);
  return challenge;
}

TEST_CASE("a service registers after answering the metadata request") {
  Fixture f;
  ScriptedService service(f.port, {.node_id = f.a()});
  REQUIRE(f.posts.WaitForConnection(f.a(), 5s));
  CHECK(service.saw_metadata_request());
  CHECK(f.posts.IsConnected(f.a()));
  CHECK(f.smeshers.Snapshot()[0].connected);
  CHECK_FALSE(f.smeshers.Snapshot()[1].connected);

  auto info = f.posts.Info(f.a(), 5s);
  REQUIRE(info.ok());
  CHECK(info->node_id == f.a());
  CHECK(info->nonce == std::optional<uint64_t>(42));
  CHECK(info->num_units == 4);
  CHECK(info->labels_per_unit == 1024);
}

TEST_CASE("a second service for the same identity is refused and the first stays") {
  Fixture f;
  ScriptedService first(f.port, {.node_id = f.a()});
  REQUIRE(f.posts.WaitForConnection(f.a(), 5s));
  ScriptedService second(f.port, {.node_id = f.a()});
  auto status = second.WaitForEnd(5s);
  REQUIRE(status);
  CHECK(status->error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK(status->error_message() == "post service already registered");
  CHECK(f.posts.IsConnected(f.a()));
  CHECK(f.posts.Info(f.a(), 5s).ok());
}

TEST_CASE("an identity the node does not hold is refused") {
  Fixture f;
  base::Hash32 stranger;
  stranger.fill(0x11);
  ScriptedService service(f.port, {.node_id = stranger});
  auto status = service.WaitForEnd(5s);
  REQUIRE(status);
  CHECK(status->error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.posts.connected() == 0);
}

TEST_CASE("without a coinbase the node refuses before asking anything") {
  Fixture f(/*allow=*/false);
  ScriptedService service(f.port, {.node_id = f.a()});
  auto status = service.WaitForEnd(5s);
  REQUIRE(status);
  CHECK(status->error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(status->error_message() == "connection not allowed: node has no coinbase set in config");
  CHECK_FALSE(service.saw_metadata_request());
}

TEST_CASE("the proof loop polls until the proof arrives") {
  Fixture f;
  ScriptedService service(f.port, {.node_id = f.a(), .busy_polls = 3});
  auto subscription = f.events.Subscribe([] {});
  auto answer = f.posts.Proof(f.a(), Challenge(), Fast());
  REQUIRE(answer.ok());
  CHECK(answer->proof.nonce == 7);
  CHECK(answer->proof.pow == 99);
  CHECK(answer->info.num_units == 4);
  CHECK(service.proof_requests() == 4);
  const SmesherStatus status = f.smeshers.Snapshot()[0];
  CHECK(status.state == PostState::kIdle);
  CHECK(status.proofs == 1);
  CHECK(status.last_proof_duration.has_value());

  auto start = subscription->Next();
  REQUIRE(start);
  REQUIRE(std::holds_alternative<event::PostStart>(start->details));
  CHECK(std::get<event::PostStart>(start->details).smesher == f.a());
  CHECK(start->help == "Node started PoST execution using the challenge from PoET.");
  auto complete = subscription->Next();
  REQUIRE(complete);
  REQUIRE(std::holds_alternative<event::PostComplete>(complete->details));
  CHECK_FALSE(complete->failure);
  CHECK(std::get<event::PostComplete>(complete->details).challenge == Challenge());
}

TEST_CASE("a proof for another challenge or an error fails and leaves the state PROVING") {
  Fixture f;
  SECTION("wrong challenge") {
    ScriptedService service(f.port, {.node_id = f.a(), .busy_polls = 0, .wrong_challenge = true});
    auto answer = f.posts.Proof(f.a(), Challenge(), Fast());
    REQUIRE_FALSE(answer.ok());
    CHECK_THAT(answer.status().message(), Catch::StartsWith("unexpected challenge: 5d5c"));
  }
  SECTION("service error") {
    ScriptedService service(f.port, {.node_id = f.a(), .busy_polls = 1, .fail = true});
    auto answer = f.posts.Proof(f.a(), Challenge(), Fast());
    REQUIRE_FALSE(answer.ok());
    CHECK_THAT(answer.status().message(), Catch::StartsWith("error generating proof"));
  }
  CHECK(f.smeshers.Snapshot()[0].state == PostState::kProving);
  const auto events = f.events.Recent();
  REQUIRE(events.size() == 2);
  REQUIRE(std::holds_alternative<event::PostComplete>(events[1].details));
  CHECK_FALSE(std::get<event::PostComplete>(events[1].details).challenge);
  CHECK(events[1].failure);
  CHECK(events[1].help == "Node failed PoST execution.");
}

TEST_CASE("the proof loop waits for a service that went away and asks again") {
  Fixture f;
  auto first =
      std::make_unique<ScriptedService>(f.port, Script{.node_id = f.a(), .busy_polls = 2, .hang_up_after_busy = true});
  std::optional<ScriptedService> second;
  std::thread reconnect([&] {
    REQUIRE(first->WaitForEnd(10s));
    REQUIRE(f.WaitConnected(0));
    CHECK(f.smeshers.Snapshot()[0].state == PostState::kProving);
    second.emplace(f.port, Script{.node_id = f.a(), .busy_polls = 1});
  });
  auto answer = f.posts.Proof(f.a(), Challenge(), Fast());
  reconnect.join();
  REQUIRE(answer.ok());
  CHECK(second->proof_requests() == 2);
  CHECK(f.smeshers.Snapshot()[0].state == PostState::kIdle);
}

TEST_CASE("the proof loop gives up at its deadline or stop flag") {
  Fixture f;
  std::atomic<bool> stop{false};
  ProofOptions options = Fast();
  options.stop = &stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(100ms);
    stop = true;
  });
  auto answer = f.posts.Proof(f.a(), Challenge(), options);  // nobody is connected
  stopper.join();
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.status().code() == base::Status::Code::kAborted);
}

TEST_CASE("a service that disconnects is dropped") {
  Fixture f;
  {
    ScriptedService service(f.port, {.node_id = f.a()});
    REQUIRE(f.posts.WaitForConnection(f.a(), 5s));
  }
  REQUIRE(f.WaitConnected(0));
  CHECK_FALSE(f.smeshers.Snapshot()[0].connected);
  CHECK(f.posts.Info(f.a(), 1s).status().code() == base::Status::Code::kNotFound);
}

}  // namespace
}  // namespace node
