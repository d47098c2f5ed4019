// The mTLS listener (node.md §5): clients must present a certificate signed by the configured
// CA; with one, a post-service registers and PostInfoService answers as on the post listener.
#include <algorithm>
#include <catch2/catch.hpp>

#include "api_calls.h"
#include "node_process.h"
#include "post_stream.h"
#include "reflection_client.h"
#include "spacemesh/v1/post.grpc.pb.h"
#include "support/certs.h"
#include "test_util.h"

namespace node::test {
namespace {

using sm::test::ReadText;

// A node with two identities and the TLS listener on its own loopback port.
struct TlsNode {
  post::test::TempDir dir;
  sm::test::TestCerts certs = sm::test::MakeTestCerts(dir.path());
  post::Identity a = AddIdentity(dir.path() / "data", "a.key");
  post::Identity b = AddIdentity(dir.path() / "data", "b.key");
  NodeProcess node{dir.path() / "data",
                   {"--grpc-tls-listener", "127.0.0.1:0", "--grpc-tls-ca-cert", certs.ca_cert.string(),
                    "--grpc-tls-cert", certs.server_cert.string(), "--grpc-tls-key", certs.server_key.string()}};

  // A channel to the TLS listener that trusts the CA and shows the client certificate if asked.
  std::shared_ptr<grpc::Channel> Channel(bool client_certificate) const {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ReadText(certs.ca_cert);
    if (client_certificate) {
      options.pem_cert_chain = ReadText(certs.client_cert);
      options.pem_private_key = ReadText(certs.client_key);
    }
    return grpc::CreateChannel(node.Address("tls"), grpc::SslCredentials(options));
  }
};

TEST_CASE("e2e tls: a client without a certificate is refused", "[e2e][tls]") {
  TlsNode tls;
  PostStream stream(tls.Channel(false));
  CHECK_FALSE(stream.Read());
  CHECK(stream.Finish().error_code() == grpc::StatusCode::UNAVAILABLE);

  grpc::ClientContext context;
  SetDeadline(context);
  spacemesh::v1::PostStatesResponse states;
  const grpc::Status status =
      spacemesh::v1::PostInfoService::NewStub(tls.Channel(false))->PostStates(&context, {}, &states);
  CHECK(status.error_code() == grpc::StatusCode::UNAVAILABLE);
  CHECK(ConnectedMetric(tls.node.Metrics(), tls.a.node_id()) == 0);
  tls.node.Stop();
}

TEST_CASE("e2e tls: a client with a certificate registers", "[e2e][tls]") {
  TlsNode tls;
  PostStream stream(tls.Channel(true));
  REQUIRE(stream.Handshake(SampleMetadata(tls.a.node_id())));
  CHECK(sm::test::PollUntil([&] { return ConnectedMetric(tls.node.Metrics(), tls.a.node_id()) == 1; }));
  CHECK(StateNames(tls.Channel(true)) == KeyFiles(tls.dir.path() / "data"));

  const ServiceList list = ListServices(tls.Channel(true));
  REQUIRE(list.status.ok());
  CHECK(std::count(list.names.begin(), list.names.end(), "spacemesh.v1.PostService") == 1);
  CHECK(std::count(list.names.begin(), list.names.end(), "spacemesh.v1.PostInfoService") == 1);
  CHECK(std::count(list.names.begin(), list.names.end(), "spacemesh.v1.SmesherService") == 0);

  CHECK(stream.Close().ok());
  tls.node.Stop();
}

}  // namespace
}  // namespace node::test
