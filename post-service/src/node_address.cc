#include "post_service/node_address.h"

#include <charconv>
#include <string>

namespace post_service {
namespace {

base::Status Invalid(std::string_view uri, std::string_view why) {
  return base::Status::InvalidArgument("invalid --address '" + std::string(uri) + "': " + std::string(why));
}

}  // namespace

std::string NodeAddress::Target() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

base::Result<NodeAddress> ParseNodeAddress(std::string_view uri) {
  NodeAddress address;
  std::string_view rest;
  if (uri.starts_with("http://")) {
    rest = uri.substr(7);
  } else if (uri.starts_with("https://")) {
    address.tls = true;
    rest = uri.substr(8);
  } else {
    return Invalid(uri, "unknown client protocol, the address must start with http:// or https://");
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.find('/') != std::string_view::npos) return Invalid(uri, "a path is not allowed");

  std::string_view port_text;
  bool has_port = false;
  if (rest.starts_with('[')) {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return Invalid(uri, "unterminated IPv6 address");
    address.host = std::string(rest.substr(1, close - 1));
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Invalid(uri, "expected :port after the IPv6 address");
      has_port = true;
      port_text = after.substr(1);
    }
  } else {
    const size_t colon = rest.rfind(':');
    address.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = rest.substr(colon + 1);
    }
  }
  if (address.host.empty()) return Invalid(uri, "missing host");

  address.port = address.tls ? 443 : 80;
  if (has_port) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
      return Invalid(uri, "the port must be a number from 1 to 65535");
    }
    address.port = uint16_t(port);
  }
  return address;
}

}  // namespace post_service
