#include "post_service/app.h"

#include <sched.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

#include "post_service/data_dir.h"
#include "post_service/logging.h"
#include "post_service/node_client.h"
#include "post_service/operator_server.h"
#include "post_service/proving_service.h"
#include "post_service/shutdown.h"
#include "post_service/status_report.h"
#include "post_service/stop_triggers.h"

namespace post_service {
namespace {

// How long a stop request waits for the proving thread before the process exits without it.
constexpr std::chrono::seconds kStopGrace{10};

// Every --pinned-cores entry must be a core this process may run on.
base::Status CheckPinnedCores(const std::vector<int>& cores) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return base::Status::Ok();
  for (int core : cores) {
    if (core >= CPU_SETSIZE || !CPU_ISSET(core, &allowed)) {
      return base::Status::InvalidArgument("--pinned-cores: core " + std::to_string(core) +
                                           " is not available to this process");
    }
  }
  return base::Status::Ok();
}

ProvingConfig MakeProvingConfig(const ServiceConfig& c) {
  ProvingConfig p;
  p.dir = c.dir;
  p.params = {c.k1, c.k2, c.pow_difficulty};
  p.scrypt_n = c.scrypt_n;
  p.options.nonces = c.nonces;
  p.options.threads = c.threads;
  p.options.pinned_cores = c.pinned_cores;
  p.randomx_mode = c.randomx_mode;
  return p;
}

int Fail(const base::Status& status) {
  spdlog::error("{}", status.message());
  return 1;
}

}  // namespace

int RunService(const ServiceConfig& config) {
  ShutdownLatch latch;
  StopTriggers triggers(latch, config.watch_pid);  // before any other thread starts

  if (base::Status s = ValidateConfig(config); !s.ok()) return Fail(s);
  if (base::Status s = CheckPinnedCores(config.pinned_cores); !s.ok()) return Fail(s);
  auto meta = LoadDataDir(config);
  if (!meta.ok()) return Fail(meta.status());
  auto tls = LoadTlsFiles(config);
  if (!tls.ok()) return Fail(tls.status());
  auto address = ParseNodeAddress(config.address);
  if (!address.ok()) return Fail(address.status());

  SetLogIdentity(meta->node_id);
  spdlog::info("post-service {} for identity {}: {} units, {} bytes in {}", POST_SERVICE_VERSION,
               base::ToHex(meta->node_id), meta->num_units, meta->total_bytes(), config.dir.string());

  ProvingService prover(MakeProvingConfig(config), *meta);
  NodeClient client({*address, std::move(*tls), std::chrono::seconds(config.reconnect_interval_s), config.max_retries},
                    *meta, prover);

  std::unique_ptr<OperatorServer> operator_server;
  if (config.operator_address) {
    const std::string identity = base::ToHex(meta->node_id);
    auto server = OperatorServer::Start(*config.operator_address, [&, identity] {
      return StatusReport{identity, meta->num_units, meta->total_bytes(), prover.Status(), client.Connection()};
    });
    if (!server.ok()) return Fail(server.status());
    operator_server = std::move(*server);
  }

  base::Status client_status;
  std::thread client_thread([&] {
    client_status = client.Run();
    latch.Trigger("the node client stopped");
  });
  latch.Wait();
  client.Shutdown();
  client_thread.join();
  operator_server.reset();
  if (!prover.Stop(kStopGrace)) {
    spdlog::warn(
        "proving did not stop within {} s (RandomX initialization cannot be interrupted); "
        "exiting without waiting for it",
        kStopGrace.count());
    spdlog::shutdown();
    std::_Exit(client_status.ok() ? 0 : 1);
  }
  if (!client_status.ok()) return Fail(client_status);
  spdlog::info("stopped: {}", latch.reason());
  return 0;
}

}  // namespace post_service
