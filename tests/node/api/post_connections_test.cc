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
  explicit Fixture(bool allow = true, const PostStreamPolicy& policy = {1, 8, 1024})
      : ids{MakeIdentity("a.key"), MakeIdentity("b.key")}, smeshers(ids, false), posts(&smeshers, &events, policy) {
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

TEST_CASE("metadata that does not fit the network is refused, naming the field") {
  Fixture f;
  const std::string a(reinterpret_cast<const char*>(f.a().data()), 32);
  struct Case {
    Script script;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{.node_id_bytes = a + "x"}, "metadata.node_id: 33 bytes, want 32"},
      {{.node_id_bytes = a + std::string(10 << 20, 'x')}, ""},  // over the message limit: gRPC refuses it
      {{.node_id_bytes = ""}, "metadata.node_id: 0 bytes, want 32"},
      {{.node_id = f.a(), .commitment = ""}, "metadata.commitment_atx_id: 0 bytes, want 32"},
      {{.node_id = f.a(), .commitment = std::string(31, 'c')}, "metadata.commitment_atx_id: 31 bytes, want 32"},
      {{.node_id = f.a(), .num_units = 0},
       "metadata.num_units: 0 is outside [1, 8] (post-min-numunits, post-max-numunits)"},
      {{.node_id = f.a(), .num_units = 9},
       "metadata.num_units: 9 is outside [1, 8] (post-min-numunits, post-max-numunits)"},
      {{.node_id = f.a(), .labels_per_unit = 4096}, "metadata.labels_per_unit: 4096, the network's is 1024"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    ScriptedService service(f.port, c.script);
    auto status = service.WaitForEnd(10s);
    REQUIRE(status);
    if (c.message.empty()) {
      CHECK(status->error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED);
      continue;
    }
    CHECK(status->error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(status->error_message() == c.message);
  }
  CHECK(f.posts.connected() == 0);
  CHECK(f.posts.counts().invalid_metadata == 7);
  ScriptedService good(f.port, {.node_id = f.a(), .num_units = 8});  // the bounds themselves are allowed
  CHECK(f.posts.WaitForConnection(f.a(), 5s));
}

// A client of Register that sends bytes of its choosing.
class RawService {
 public:
  explicit RawService(int port)
      : channel_(grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials())),
        stream_(grpc::internal::ClientReaderWriterFactory<grpc::ByteBuffer, grpc::ByteBuffer>::Create(
            channel_.get(),
            grpc::internal::RpcMethod("/spacemesh.v1.PostService/Register", grpc::internal::RpcMethod::BIDI_STREAMING),
            &context_)) {}

  bool ReadRequest() {
    grpc::ByteBuffer request;
    return stream_->Read(&request);
  }
  void Send(const std::string& bytes) {
    grpc::Slice slice(bytes);
    stream_->Write(grpc::ByteBuffer(&slice, 1));
  }
  // The node's status for the stream (reads until it ends).
  grpc::Status End() {
    grpc::ByteBuffer ignored;
    while (stream_->Read(&ignored)) {
    }
    return stream_->Finish();
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>> stream_;
};

TEST_CASE("garbage on the stream is refused as unparsable, before and after registering") {
  Fixture f;
  {
    RawService raw(f.port);
    REQUIRE(raw.ReadRequest());
    raw.Send("\x0a\x7f\x01");  // field 1, 127 bytes announced, 1 sent
    const grpc::Status status = raw.End();
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(status.error_message() == "cannot parse ServiceResponse");
  }
  CHECK(f.posts.counts().unparsable == 1);
  CHECK(f.posts.connected() == 0);
}

TEST_CASE("a stream that never sends its metadata is closed after the handshake timeout") {
  Fixture f(true, {1, 8, 1024, 200ms});
  RawService silent(f.port);
  REQUIRE(silent.ReadRequest());
  const grpc::Status status = silent.End();  // waits for the node to give up
  CHECK(status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
  CHECK(status.error_message() == "no metadata within 200 ms of opening the stream");
  CHECK(f.posts.counts().handshake_timeouts == 1);
  ScriptedService prompt(f.port, {.node_id = f.a()});  // one that answers is not affected
  REQUIRE(f.posts.WaitForConnection(f.a(), 5s));
  std::this_thread::sleep_for(400ms);  // past the timeout: a registered stream stays
  CHECK(f.posts.IsConnected(f.a()));
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
