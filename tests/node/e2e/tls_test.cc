// The mTLS listener (node.md §5): clients must present a certificate signed by the configured
// CA; with one, a post-service registers and PostInfoService answers as on the post listener.
#include <algorithm>
#include <fstream>
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

// A node whose TLS files are `ca`, `cert` and `key`: it must exit with 1 before binding anything,
// naming the setting, the file and what is wrong.
Exit RunWithTlsFiles(const std::filesystem::path& data, const std::filesystem::path& ca,
                     const std::filesystem::path& cert, const std::filesystem::path& key) {
  std::vector<std::string> args{"-d", data.string()};
  const std::vector<std::string> listeners = LoopbackListeners();
  args.insert(args.end(), listeners.begin(), listeners.end());
  for (const std::string& arg : {std::string("--grpc-tls-listener"), std::string("127.0.0.1:0"),
                                 std::string("--grpc-tls-ca-cert"), ca.string(), std::string("--grpc-tls-cert"),
                                 cert.string(), std::string("--grpc-tls-key"), key.string()}) {
    args.push_back(arg);
  }
  return RunToExit(args);
}

TEST_CASE("e2e tls: wrong, malformed and missing TLS files are named before anything binds", "[e2e][tls]") {
  post::test::TempDir dir;
  const sm::test::TestCerts certs = sm::test::MakeTestCerts(dir.path());
  AddIdentity(dir.path() / "data", "a.key");
  const std::filesystem::path garbage = dir.path() / "garbage.pem";
  std::ofstream(garbage) << "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  const std::filesystem::path missing = dir.path() / "missing.pem";
  struct Case {
    std::filesystem::path ca, cert, key;
    std::string says;
  };
  const std::vector<Case> cases = {
      {certs.ca_cert, certs.server_cert, certs.client_key,
       "api.grpc-tls-key " + certs.client_key.string() + " is not the key of api.grpc-tls-cert " +
           certs.server_cert.string()},
      {garbage, certs.server_cert, certs.server_key, "api.grpc-tls-ca-cert " + garbage.string() + ": not a PEM certificate"},
      {certs.ca_cert, certs.server_key, certs.server_key,
       "api.grpc-tls-cert " + certs.server_key.string() + ": not a PEM certificate"},
      {certs.ca_cert, certs.server_cert, certs.server_cert,
       "api.grpc-tls-key " + certs.server_cert.string() + ": not a PEM private key"},
      {certs.ca_cert, certs.server_cert, missing, "api.grpc-tls-key " + missing.string() + ": No such file or directory"},
      {certs.ca_cert, dir.path(), certs.server_key, "api.grpc-tls-cert " + dir.path().string() + ": not a file"},
  };
  for (const Case& c : cases) {
    const Exit exit = RunWithTlsFiles(dir.path() / "data", c.ca, c.cert, c.key);
    INFO(exit.output);
    CHECK(exit.code == 1);
    CHECK(exit.output.find(c.says) != std::string::npos);
    CHECK(exit.output.find("listener on") == std::string::npos);  // nothing was bound
  }
}

TEST_CASE("e2e tls: a TLS key others can read gets a warning", "[e2e][tls]") {
  TlsNode tls;
  tls.node.Stop();
  std::filesystem::permissions(tls.certs.server_key, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  NodeProcess again{tls.dir.path() / "data",
                    {"--grpc-tls-listener", "127.0.0.1:0", "--grpc-tls-ca-cert", tls.certs.ca_cert.string(),
                     "--grpc-tls-cert", tls.certs.server_cert.string(), "--grpc-tls-key",
                     tls.certs.server_key.string()}};
  again.Stop();
  CHECK(again.Output().find("TLS key file " + tls.certs.server_key.string() +
                            " can be read by other users; chmod 600 it") != std::string::npos);
}

}  // namespace
}  // namespace node::test
