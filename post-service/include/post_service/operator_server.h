// The operator HTTP API: GET /status (the reference's bytes), GET /status/detail (JSON) and
// GET /metrics (Prometheus). It has no authentication; bind it to loopback.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "post_service/status_report.h"

namespace post_service {

class OperatorServer {
 public:
  using StatusSource = std::function<StatusReport()>;

  // Binds `address` (ip:port, [ipv6]:port or localhost:port; port 0 picks a free one) and
  // serves on a thread of its own. Warns when the address is not loopback.
  static base::Result<std::unique_ptr<OperatorServer>> Start(const std::string& address, StatusSource source);
  ~OperatorServer();  // stops serving and joins the thread

  uint16_t port() const;

 private:
  class Impl;
  explicit OperatorServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace post_service
