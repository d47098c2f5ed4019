// What the operator API serves: the reference's /status bytes, a detailed JSON view and
// Prometheus metrics, all rendered from one StatusReport.
#pragma once

#include <cstdint>
#include <string>

#include "post_service/node_client.h"
#include "post_service/proving_service.h"

namespace post_service {

struct StatusReport {
  std::string identity;  // node id, hex
  uint32_t num_units = 0;
  uint64_t total_bytes = 0;  // of the PoS data, i.e. one pass
  ProvingStatus proving;
  ConnectionStatus connection;
};

// Exactly the reference's bytes: "Idle", "DoneProving" or
// {"Proving":{"nonces":{"start":S,"end":E},"position":P}}.
std::string ReferenceStatusJson(const ProvingStatus& status);

// identity, num_units, state, phase, pass, nonces, position, bytes read, percent of the pass,
// MiB/s, ETA of the pass, last proof duration, last error, proof counts, node connection.
std::string DetailJson(const StatusReport& report);

// Prometheus text exposition format 0.0.4, every series labelled with the identity.
std::string PrometheusText(const StatusReport& report);

}  // namespace post_service
