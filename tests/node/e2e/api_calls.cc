#include "api_calls.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "post/identity.h"
#include "spacemesh/v1/post.grpc.pb.h"
#include "spacemesh/v1/smesher.grpc.pb.h"
#include "support/poll.h"

namespace node::test {

namespace pb = spacemesh::v1;

namespace {

base::Hash32 ToHash(const std::string& bytes) {
  REQUIRE(bytes.size() == 32);
  base::Hash32 id{};
  std::copy(bytes.begin(), bytes.end(), id.begin());
  return id;
}

std::vector<pb::PostState> PostStates(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  SetDeadline(context);
  pb::PostStatesResponse response;
  const grpc::Status status = pb::PostInfoService::NewStub(channel)->PostStates(&context, {}, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return {response.states().begin(), response.states().end()};
}

}  // namespace

NamedIds KeyFiles(const std::filesystem::path& data) {
  NamedIds ids;
  for (const auto& entry : std::filesystem::directory_iterator(data / "identities")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".key") continue;
    auto identity = post::LoadIdentityKey(entry.path());
    REQUIRE(identity.ok());
    ids[entry.path().filename().string()] = identity->node_id();
  }
  return ids;
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + sm::test::kTimeout);
}

NamedIds StateNames(const std::shared_ptr<grpc::Channel>& channel) {
  NamedIds ids;
  for (const pb::PostState& state : PostStates(channel)) {
    CHECK((state.state() == pb::PostState::IDLE || state.state() == pb::PostState::PROVING));
    ids[state.name()] = ToHash(state.id());
  }
  return ids;
}

std::vector<base::Hash32> SmesherIds(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  SetDeadline(context);
  pb::SmesherIDsResponse response;
  const grpc::Status status = pb::SmesherService::NewStub(channel)->SmesherIDs(&context, {}, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  std::vector<base::Hash32> ids;
  for (const std::string& key : response.public_keys()) ids.push_back(ToHash(key));
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace node::test
