#include "support/http_get.h"

#include <httplib.h>

namespace sm::test {

std::optional<std::string> HttpGet(uint16_t port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(5);
  auto result = client.Get(path.c_str());
  if (!result || result->status != 200) return std::nullopt;
  return result->body;
}

}  // namespace sm::test
