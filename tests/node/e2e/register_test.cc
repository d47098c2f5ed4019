// PostService.Register driven by a real gRPC client (node.md §1): the node asks for metadata
// first, admits one stream per known identity, and refuses duplicates, strangers, and everyone
// when no coinbase is configured.
#include <catch2/catch.hpp>

#include "node_process.h"
#include "post_stream.h"
#include "test_util.h"

namespace node::test {
namespace {

// Waits until /metrics reports `value` as the identity's spacemesh_post_connected.
bool ConnectedBecomes(const NodeProcess& node, const base::Hash32& id, int value) {
  return sm::test::PollUntil([&] { return ConnectedMetric(node.Metrics(), id) == value; });
}

TEST_CASE("e2e register: metadata request first, then connected until the service leaves", "[e2e][register]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  const auto a = AddIdentity(data, "a.key");
  const auto b = AddIdentity(data, "b.key");
  NodeProcess node(data);
  CHECK(ConnectedMetric(node.Metrics(), a.node_id()) == 0);

  PostStream stream(node.Channel("post"));
  const auto first = stream.Read();
  REQUIRE(first);
  CHECK(first->has_metadata());
  spacemesh::v1::ServiceResponse answer;
  *answer.mutable_metadata()->mutable_meta() = SampleMetadata(a.node_id());
  REQUIRE(stream.Write(answer));
  CHECK(ConnectedBecomes(node, a.node_id(), 1));
  CHECK(ConnectedMetric(node.Metrics(), b.node_id()) == 0);

  CHECK(stream.Close().ok());
  CHECK(ConnectedBecomes(node, a.node_id(), 0));
  node.Stop();
}

TEST_CASE("e2e register: a second stream for a connected identity is refused", "[e2e][register]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  const auto a = AddIdentity(data, "a.key");
  NodeProcess node(data);
  PostStream first(node.Channel("post"));
  REQUIRE(first.Handshake(SampleMetadata(a.node_id())));
  REQUIRE(ConnectedBecomes(node, a.node_id(), 1));

  PostStream second(node.Channel("post"));
  REQUIRE(second.Handshake(SampleMetadata(a.node_id())));
  CHECK_FALSE(second.Read());
  const grpc::Status refused = second.Finish();
  CHECK(refused.error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK(refused.error_message() == "post service already registered");

  // The first stream is untouched: still connected, and it ends cleanly when it leaves.
  CHECK(ConnectedMetric(node.Metrics(), a.node_id()) == 1);
  CHECK(first.Close().ok());
  CHECK(ConnectedBecomes(node, a.node_id(), 0));
  node.Stop();
}

TEST_CASE("e2e register: an identity without a key file is refused", "[e2e][register]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  const auto a = AddIdentity(data, "a.key");
  NodeProcess node(data);
  const auto stranger = post::GenerateIdentity();
  REQUIRE(stranger.ok());
  PostStream stream(node.Channel("post"));
  REQUIRE(stream.Handshake(SampleMetadata(stranger->node_id())));
  CHECK_FALSE(stream.Read());
  const grpc::Status refused = stream.Finish();
  CHECK(refused.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(ConnectedMetric(node.Metrics(), a.node_id()) == 0);
  CHECK_FALSE(ConnectedMetric(node.Metrics(), stranger->node_id()));
  node.Stop();
}

TEST_CASE("e2e register: without a coinbase (mainnet preset) every service is refused", "[e2e][register]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  const auto a = AddIdentity(data, "a.key");
  NodeProcess node(data, {"-p", "mainnet", "--filelock", (dir.path() / "node.lock").string()});
  PostStream stream(node.Channel("post"));
  CHECK_FALSE(stream.Read());  // not even a metadata request
  const grpc::Status refused = stream.Finish();
  CHECK(refused.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(refused.error_message() == "connection not allowed: node has no coinbase set in config");
  CHECK(ConnectedMetric(node.Metrics(), a.node_id()) == 0);
  node.Stop();
}

}  // namespace
}  // namespace node::test
