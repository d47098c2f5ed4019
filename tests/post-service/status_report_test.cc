#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "post_service/status_report.h"

namespace post_service {
namespace {

TEST_CASE("/status: exactly the reference's bytes", "[status]") {
  ProvingStatus s;
  CHECK(ReferenceStatusJson(s) == R"("Idle")");
  s.state = ServiceState::kDoneProving;
  CHECK(ReferenceStatusJson(s) == R"("DoneProving")");
  s.state = ServiceState::kProving;
  s.progress.nonce_start = 0;
  s.progress.nonce_end = 128;
  s.progress.position = 10000;
  CHECK(ReferenceStatusJson(s) == R"({"Proving":{"nonces":{"start":0,"end":128},"position":10000}})");
  s.progress.nonce_start = 4080;
  s.progress.nonce_end = 4096;
  s.progress.position = 274877906944;
  CHECK(ReferenceStatusJson(s) == R"({"Proving":{"nonces":{"start":4080,"end":4096},"position":274877906944}})");
}

StatusReport Reading() {
  StatusReport r;
  r.identity = std::string(64, 'a');
  r.num_units = 4;
  r.total_bytes = 4ull << 20;
  r.proving.state = ServiceState::kProving;
  r.proving.progress = {Phase::kReading, 16, 32, 2, 1 << 20, 2 << 20, 2.0};
  r.proving.last_proof_seconds = 12.5;
  r.proving.proofs_ok = 3;
  r.connection.connected = true;
  r.connection.sessions = 2;
  return r;
}

TEST_CASE("/status/detail: phase, pass, percent, speed and ETA", "[status]") {
  const auto j = nlohmann::json::parse(DetailJson(Reading()));
  CHECK(j["identity"] == std::string(64, 'a'));
  CHECK(j["num_units"] == 4);
  CHECK(j["state"] == "Proving");
  CHECK(j["phase"] == "reading");
  CHECK(j["pass"] == 2);
  CHECK(j["nonces"]["start"] == 16);
  CHECK(j["nonces"]["end"] == 32);
  CHECK(j["position"] == 1 << 20);
  CHECK(j["bytes_read"] == 2 << 20);
  CHECK(j["percent"].get<double>() == Approx(50.0));
  CHECK(j["mib_per_s"].get<double>() == Approx(1.0));
  CHECK(j["eta_s"].get<double>() == Approx(2.0));
  CHECK(j["last_proof_duration_s"].get<double>() == Approx(12.5));
  CHECK(j["last_error"].is_null());
  CHECK(j["proofs_ok"] == 3);
  CHECK(j["node"]["connected"] == true);
  CHECK(j["node"]["last_request_unix_s"].is_null());

  StatusReport idle;
  const auto k = nlohmann::json::parse(DetailJson(idle));
  CHECK(k["phase"] == "idle");
  CHECK(k["mib_per_s"].is_null());
  CHECK(k["eta_s"].is_null());
  CHECK(k["last_proof_duration_s"].is_null());
}

TEST_CASE("/metrics: Prometheus text with the identity on every sample", "[status]") {
  const std::string text = PrometheusText(Reading());
  const std::string id = "identity=\"" + std::string(64, 'a') + "\"";
  CHECK(text.find("# TYPE post_service_state gauge\n") != std::string::npos);
  CHECK(text.find("post_service_state{" + id + ",state=\"Proving\"} 1\n") != std::string::npos);
  CHECK(text.find("post_service_state{" + id + ",state=\"Idle\"} 0\n") != std::string::npos);
  CHECK(text.find("post_service_phase{" + id + ",phase=\"reading\"} 1\n") != std::string::npos);
  CHECK(text.find("post_service_pass_bytes_read{" + id + "} 2097152\n") != std::string::npos);
  CHECK(text.find("post_service_proofs_total{" + id + ",result=\"ok\"} 3\n") != std::string::npos);
  CHECK(text.find("post_service_node_connected{" + id + "} 1\n") != std::string::npos);
  // Every line is a comment or a sample labelled with the identity.
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    INFO(line);
    CHECK((line.starts_with("# ") || line.find("{" + id) != std::string::npos));
    start = end + 1;
  }
}

}  // namespace
}  // namespace post_service
