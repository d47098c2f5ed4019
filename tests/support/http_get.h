// A plain HTTP GET against a loopback port (operator APIs, /metrics).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sm::test {

// Body of GET http://127.0.0.1:port/path when the answer is 200; nullopt otherwise.
std::optional<std::string> HttpGet(uint16_t port, const std::string& path);

}  // namespace sm::test
