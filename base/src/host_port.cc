#include "base/host_port.h"

#include <charconv>

namespace base {

Result<HostPort> ParseHostPort(const std::string& address) {
  const auto invalid = [&](const char* why) {
    return Status::InvalidArgument("invalid address '" + address + "': " + why);
  };
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return invalid("expected host:port");
  HostPort hp;
  hp.host = address.substr(0, colon);
  if (hp.host.size() >= 2 && hp.host.front() == '[' && hp.host.back() == ']') {
    hp.host = hp.host.substr(1, hp.host.size() - 2);
  }
  if (hp.host.empty()) return invalid("missing host");
  const std::string port = address.substr(colon + 1);
  int value = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value < 0 || value > 65535) {
    return invalid("the port must be a number from 0 to 65535");
  }
  hp.port = static_cast<uint16_t>(value);
  return hp;
}

std::string FormatHostPort(const std::string& host, uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace base
