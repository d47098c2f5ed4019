// The node's other services as a client sees them: SmesherService in a remote setup (node.md §3),
// NodeService.Version, ActivationService.Highest on a new network (§4) and AdminService's
// event stream.
#include <ctime>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api_calls.h"
#include "node/types/address.h"
#include "node_process.h"
#include "post/blake3.h"
#include "spacemesh/v1/activation.grpc.pb.h"
#include "spacemesh/v1/admin.grpc.pb.h"
#include "spacemesh/v1/node.grpc.pb.h"
#include "spacemesh/v1/smesher.grpc.pb.h"
#include "support/certs.h"
#include "test_util.h"

namespace node::test {
namespace {

namespace pb = spacemesh::v1;
using google::protobuf::Empty;

// ActivationService.Highest's ATX id.
std::string HighestId(const NodeProcess& node) {
  grpc::ClientContext context;
  SetDeadline(context);
  pb::HighestResponse response;
  const grpc::Status status = pb::ActivationService::NewStub(node.Channel("public"))->Highest(&context, {}, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return base::ToHex(
      {reinterpret_cast<const uint8_t*>(response.atx().id().id().data()), response.atx().id().id().size()});
}

TEST_CASE("e2e services: SmesherService in a remote setup", "[e2e][services]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  AddIdentity(data, "a.key");
  AddIdentity(data, "b.key");
  Address account{};
  account.back() = 0x42;
  const std::string coinbase = FormatAddress(account, "standalone");
  NodeProcess node(data, {"--smeshing-coinbase", coinbase, "--post-labels-per-unit", "2048", "--post-k1", "9",
                          "--post-k2", "15", "--post-k3", "5", "--post-min-numunits", "2", "--post-max-numunits", "8"});
  const auto stub = pb::SmesherService::NewStub(node.Channel("private"));

  SECTION("IsSmeshing needs the supervised setup") {
    grpc::ClientContext context;
    SetDeadline(context);
    pb::IsSmeshingResponse response;
    const grpc::Status status = stub->IsSmeshing(&context, {}, &response);
    CHECK(status.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
    CHECK(status.error_message() == "node is not configured for supervised smeshing");
  }
  SECTION("SmesherIDs lists every identity") {
    std::vector<base::Hash32> keys;
    for (const auto& [name, id] : KeyFiles(data)) keys.push_back(id);
    std::sort(keys.begin(), keys.end());
    CHECK(SmesherIds(node.Channel("private")) == keys);
  }
  SECTION("Coinbase is the configured address") {
    grpc::ClientContext context;
    SetDeadline(context);
    pb::CoinbaseResponse response;
    REQUIRE(stub->Coinbase(&context, {}, &response).ok());
    CHECK(response.account_id().address() == coinbase);
  }
  SECTION("PostConfig is the configuration") {
    grpc::ClientContext context;
    SetDeadline(context);
    pb::PostConfigResponse response;
    REQUIRE(stub->PostConfig(&context, {}, &response).ok());
    CHECK(response.bits_per_label() == 128);
    CHECK(response.labels_per_unit() == 2048);
    CHECK(response.min_num_units() == 2);
    CHECK(response.max_num_units() == 8);
    CHECK(response.k1() == 9);
    CHECK(response.k2() == 15);
  }
  node.Stop();
}

TEST_CASE("e2e services: NodeService.Version is the binary's version", "[e2e][services]") {
  post::test::TempDir dir;
  NodeProcess node(dir.path() / "data");
  grpc::ClientContext context;
  SetDeadline(context);
  pb::VersionResponse response;
  REQUIRE(pb::NodeService::NewStub(node.Channel("public"))->Version(&context, {}, &response).ok());
  const std::string version = response.version_string().value();
  REQUIRE(version.starts_with("v"));  // as go-spacemesh: "v1.7.6"
  const Exit printed = RunToExit({"version"});
  CHECK(printed.code == 0);
  CHECK(printed.output.find(version.substr(1)) != std::string::npos);
  node.Stop();
}

TEST_CASE("e2e services: Highest is the golden ATX on a new network", "[e2e][services]") {
  post::test::TempDir dir;
  const auto data = dir.path() / "data";
  SECTION("mainnet") {
    NodeProcess node(data, {"-p", "mainnet", "--filelock", (dir.path() / "node.lock").string()});
    CHECK(HighestId(node) == "9eebff023abb17ccb775c602daade8ed708f0a50d3149a42801184f5b74f2865");
    node.Stop();
  }
  SECTION("standalone: BLAKE3 of the genesis time's unix seconds and the extra data") {
    NodeProcess node(data);
    const auto genesis = nlohmann::json::parse(sm::test::ReadText(data / "genesis.json"));
    std::tm tm{};
    REQUIRE(strptime(genesis["genesis-time"].get<std::string>().c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm));
    const std::string input = std::to_string(timegm(&tm)) + genesis["extra-data"].get<std::string>();
    const base::Hash32 golden = post::Blake3Hash({{reinterpret_cast<const uint8_t*>(input.data()), input.size()}});
    CHECK(HighestId(node) == base::ToHex(golden));
    node.Stop();
  }
}

TEST_CASE("e2e services: AdminService.EventsStream opens with its header", "[e2e][services]") {
  post::test::TempDir dir;
  NodeProcess node(dir.path() / "data");
  grpc::ClientContext context;
  SetDeadline(context);
  auto reader = pb::AdminService::NewStub(node.Channel("private"))->EventsStream(&context, {});
  reader->WaitForInitialMetadata();  // the node sends its (empty) header before any event
  context.TryCancel();
  // Cancelled by us: the call was open, not refused (UNIMPLEMENTED) or timed out.
  CHECK(reader->Finish().error_code() == grpc::StatusCode::CANCELLED);
  node.Stop();
}

}  // namespace
}  // namespace node::test
