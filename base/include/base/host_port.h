// host:port listener addresses as the binaries take them on the command line and in configs.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace base {

struct HostPort {
  std::string host;  // without brackets for IPv6
  uint16_t port = 0;
};

// "127.0.0.1:0", "[::1]:9094", "localhost:10094"; InvalidArgument "invalid address 'x': why".
Result<HostPort> ParseHostPort(const std::string& address);

// "host:port", with brackets around an IPv6 host.
std::string FormatHostPort(const std::string& host, uint16_t port);

// localhost, 127.0.0.0/8 or ::1: only this machine can connect.
bool IsLoopbackHost(const std::string& host);

}  // namespace base
