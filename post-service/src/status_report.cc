#include "post_service/status_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

namespace post_service {
namespace {

const char* StateName(ServiceState state) {
  switch (state) {
    case ServiceState::kIdle: return "Idle";
    case ServiceState::kProving: return "Proving";
    case ServiceState::kDoneProving: return "DoneProving";
  }
  return "Unknown";
}

// Bytes per second of the current pass, while it is being read.
std::optional<double> ReadRate(const ProgressSnapshot& p) {
  if (p.phase != Phase::kReading || p.pass_seconds <= 0) return std::nullopt;
  return double(p.bytes_read) / p.pass_seconds;
}

std::optional<double> PassEta(const ProgressSnapshot& p, uint64_t total_bytes) {
  const auto rate = ReadRate(p);
  if (!rate || *rate <= 0) return std::nullopt;
  return double(total_bytes > p.bytes_read ? total_bytes - p.bytes_read : 0) / *rate;
}

template <typename T>
nlohmann::ordered_json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string ReferenceStatusJson(const ProvingStatus& status) {
  if (status.state != ServiceState::kProving) return fmt::format("\"{}\"", StateName(status.state));
  return fmt::format(R"({{"Proving":{{"nonces":{{"start":{},"end":{}}},"position":{}}}}})", status.progress.nonce_start,
                     status.progress.nonce_end, status.progress.position);
}

std::string DetailJson(const StatusReport& r) {
  const ProgressSnapshot& p = r.proving.progress;
  const auto rate = ReadRate(p);
  nlohmann::ordered_json j;
  j["identity"] = r.identity;
  j["num_units"] = r.num_units;
  j["total_bytes"] = r.total_bytes;
  j["state"] = StateName(r.proving.state);
  j["phase"] = PhaseName(p.phase);
  j["pass"] = p.passes;
  j["nonces"] = {{"start", p.nonce_start}, {"end", p.nonce_end}};
  j["position"] = p.position;
  j["bytes_read"] = p.bytes_read;
  j["percent"] = r.total_bytes ? 100.0 * double(p.bytes_read) / double(r.total_bytes) : 0.0;
  j["mib_per_s"] = OrNull(rate ? std::optional<double>(*rate / (1 << 20)) : std::nullopt);
  j["eta_s"] = OrNull(PassEta(p, r.total_bytes));
  j["last_proof_duration_s"] = OrNull(r.proving.last_proof_seconds);
  j["last_error"] =
      r.proving.last_error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.proving.last_error);
  j["proofs_ok"] = r.proving.proofs_ok;
  j["proofs_failed"] = r.proving.proofs_failed;
  j["node"] = {{"connected", r.connection.connected},
               {"sessions", r.connection.sessions},
               {"failed_attempts", r.connection.failed_attempts},
               {"last_request_unix_s", OrNull(r.connection.last_request_unix_s)}};
  return j.dump();
}

std::string PrometheusText(const StatusReport& r) {
  const ProgressSnapshot& p = r.proving.progress;
  const std::string id = fmt::format("identity=\"{}\"", r.identity);
  std::string out;
  auto metric = [&](const char* name, const char* type, const char* help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  auto sample = [&](const char* name, const std::string& labels, double value) {
    out += fmt::format("{}{{{}}} {}\n", name, labels, value);
  };

  metric("post_service_info", "gauge", "The PoS data this service proves (value is always 1).");
  sample("post_service_info", fmt::format("{},num_units=\"{}\"", id, r.num_units), 1);
  metric("post_service_data_bytes", "gauge", "Bytes of PoS data, read once per pass.");
  sample("post_service_data_bytes", id, double(r.total_bytes));
  metric("post_service_state", "gauge", "1 for the current /status state.");
  for (auto s : {ServiceState::kIdle, ServiceState::kProving, ServiceState::kDoneProving}) {
    sample("post_service_state", fmt::format("{},state=\"{}\"", id, StateName(s)), r.proving.state == s);
  }
  metric("post_service_phase", "gauge", "1 for the current proving phase.");
  for (auto ph : {Phase::kIdle, Phase::kK2Pow, Phase::kReading, Phase::kVerifying, Phase::kDone}) {
    sample("post_service_phase", fmt::format("{},phase=\"{}\"", id, PhaseName(ph)), p.phase == ph);
  }
  metric("post_service_pass", "gauge", "Passes over the data started by the current or last proof.");
  sample("post_service_pass", id, p.passes);
  metric("post_service_pass_nonce_start", "gauge", "First nonce of the current pass.");
  sample("post_service_pass_nonce_start", id, p.nonce_start);
  metric("post_service_pass_nonce_end", "gauge", "One past the last nonce of the current pass.");
  sample("post_service_pass_nonce_end", id, p.nonce_end);
  metric("post_service_pass_bytes_read", "gauge", "Bytes scanned in the current pass.");
  sample("post_service_pass_bytes_read", id, double(p.bytes_read));
  metric("post_service_pass_position_bytes", "gauge", "The /status position of the current pass.");
  sample("post_service_pass_position_bytes", id, double(p.position));
  metric("post_service_read_bytes_per_second", "gauge", "Read speed of the current pass (0 when not reading).");
  sample("post_service_read_bytes_per_second", id, ReadRate(p).value_or(0));
  metric("post_service_pass_eta_seconds", "gauge", "Estimated seconds to the end of the pass (-1 when unknown).");
  sample("post_service_pass_eta_seconds", id, PassEta(p, r.total_bytes).value_or(-1));
  metric("post_service_last_proof_duration_seconds", "gauge", "Duration of the last finished proof (-1 if none).");
  sample("post_service_last_proof_duration_seconds", id, r.proving.last_proof_seconds.value_or(-1));
  metric("post_service_proofs_total", "counter", "Proofs handed to the node (ok) or failed.");
  sample("post_service_proofs_total", id + ",result=\"ok\"", double(r.proving.proofs_ok));
  sample("post_service_proofs_total", id + ",result=\"failed\"", double(r.proving.proofs_failed));
  metric("post_service_node_connected", "gauge", "1 while the node's stream is open.");
  sample("post_service_node_connected", id, r.connection.connected);
  metric("post_service_node_sessions_total", "counter", "Streams on which the node sent requests.");
  sample("post_service_node_sessions_total", id, double(r.connection.sessions));
  metric("post_service_node_failed_attempts", "gauge", "Connection attempts in a row that reached no node.");
  sample("post_service_node_failed_attempts", id, double(r.connection.failed_attempts));
  metric("post_service_node_last_request_timestamp_seconds", "gauge",
         "Unix time of the node's last request (-1 if none).");
  sample("post_service_node_last_request_timestamp_seconds", id, double(r.connection.last_request_unix_s.value_or(-1)));
  return out;
}

}  // namespace post_service
