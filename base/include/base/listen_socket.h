// Listening TCP sockets as every server here opens them: SO_REUSEADDR (a restart binds while old
// connections linger) but never SO_REUSEPORT, so that a second process on a port in use fails
// instead of silently sharing its connections.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace base {

struct ListenSocket {
  int fd = -1;  // non-blocking, close-on-exec; the caller closes it
  std::string host;
  uint16_t port = 0;  // the bound one (port 0 asks the kernel for a free one)
};

// Binds and listens on `address` (host:port). Errors name the setting and say why:
// "main.metrics-listener 127.0.0.1:9090: cannot listen: Address already in use".
Result<ListenSocket> Listen(const std::string& address, const std::string& what, int backlog = 1024);

}  // namespace base
