// The node's address as the reference takes it: http://host[:port] or https://host[:port].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace post_service {

struct NodeAddress {
  bool tls = false;   // https
  std::string host;   // a name, an IPv4 address or a bracketless IPv6 address
  uint16_t port = 0;  // 80 / 443 when the address has none

  // host:port as gRPC dials it ([v6]:port for IPv6).
  std::string Target() const;
};

// Parses `uri`; the error names the address and says what was expected.
base::Result<NodeAddress> ParseNodeAddress(std::string_view uri);

}  // namespace post_service
