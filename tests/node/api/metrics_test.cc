#include <catch2/catch.hpp>

#include "node/api/metrics.h"

namespace node {
namespace {

TEST_CASE("metrics name every identity with its state, connection and last proof") {
  SmesherStatus a;
  a.name = "diskA.key";
  a.node_id.fill(0xab);
  a.state = PostState::kProving;
  a.connected = true;
  a.last_proof_duration = std::chrono::milliseconds(12345);
  a.proofs = 2;
  SmesherStatus b;
  b.name = "diskB.key";
  const std::string text = MetricsText({a, b}, {3, 4, 5, 6}, {"v0.1.0", {}});
  CHECK(text.find("spacemesh_post_streams 3\n") != std::string::npos);
  CHECK(text.find("spacemesh_post_streams_refused_total{reason=\"invalid_metadata\"} 4\n") != std::string::npos);
  CHECK(text.find("spacemesh_post_streams_refused_total{reason=\"unparsable\"} 5\n") != std::string::npos);
  CHECK(text.find("spacemesh_post_streams_refused_total{reason=\"handshake_timeout\"} 6\n") != std::string::npos);
  CHECK(text.find("spacemesh_node_info{version=\"v0.1.0\"} 1\n") != std::string::npos);
  const std::string id_a = "abababababababababababababababababababababababababababababababab";
  CHECK(text.find("spacemesh_post_proving{identity=\"" + id_a + "\",name=\"diskA.key\"} 1\n") != std::string::npos);
  CHECK(text.find("spacemesh_post_connected{identity=\"" + id_a + "\",name=\"diskA.key\"} 1\n") != std::string::npos);
  CHECK(text.find("spacemesh_post_last_proof_seconds{identity=\"" + id_a + "\",name=\"diskA.key\"} 12.345\n") !=
        std::string::npos);
  CHECK(text.find("spacemesh_post_proofs_total{identity=\"" + id_a + "\",name=\"diskA.key\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("name=\"diskB.key\"} 0\n") != std::string::npos);
  CHECK(text.find("spacemesh_post_last_proof_seconds{identity=\"0000") == std::string::npos);
  CHECK(text.find("# TYPE spacemesh_post_proofs_total counter\n") != std::string::npos);
  CHECK(text.find("spacemesh_tls_certificate") == std::string::npos);
}

TEST_CASE("metrics give each TLS certificate's expiry as unix time") {
  NodeMetrics node{"v0.1.0", {{"/etc/spacemesh/tls/node.pem", std::chrono::system_clock::from_time_t(1767225600)}}};
  const std::string text = MetricsText({}, {}, node);
  CHECK(text.find("spacemesh_tls_certificate_not_after_seconds{file=\"/etc/spacemesh/tls/node.pem\"} 1767225600\n") !=
        std::string::npos);
}

}  // namespace
}  // namespace node
