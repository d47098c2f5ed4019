// HttpServer: the small HTTP/1.1 server behind every HTTP endpoint we serve (the node's /metrics
// and PoET, the post-service's operator API). One event-loop thread reads and writes every
// connection, so idle or slow peers cost a socket, not a thread; complete requests go to a few
// worker threads that run the handlers. Every request has a deadline from its first byte to its
// last, bodies over a limit are refused before they are read, and connections are capped.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace base {

struct HttpRequest {
  std::string method;
  std::string path;   // the target without its query
  std::string query;  // after '?', as sent
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::vector<std::string> params;  // the path segments the route's '*' matched
  std::string remote;               // the peer's host:port, for logs
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
};

struct HttpLimits {
  size_t max_head_bytes = 16 * 1024;  // request line and headers; more: 431
  size_t max_body_bytes = 64 * 1024;  // more: 413 without reading it; GET and HEAD take none
  // From a request's first byte to its last (headers and body): a slow sender gets 408.
  std::chrono::milliseconds request_timeout{10'000};
  std::chrono::milliseconds idle_timeout{5'000};    // a connection without a request in flight
  std::chrono::milliseconds write_timeout{10'000};  // an answer the peer does not read
  size_t max_connections = 1024;                    // then the longest-idle one is closed
  size_t max_connections_per_host = 64;             // per peer address; loopback peers are exempt
  int backlog = 1024;
  size_t workers = 2;  // threads running handlers
};

// Counts since start, for /metrics and tests.
struct HttpCounters {
  uint64_t requests = 0;      // answered by a handler
  uint64_t refused = 0;       // 4xx before a handler: malformed, too large, per-host cap
  uint64_t timed_out = 0;     // 408 or closed at a deadline
  uint64_t connections = 0;   // accepted
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds `address` (host:port; port 0 picks a free one) without SO_REUSEPORT, so a port in use
  // is an error. `what` names the setting in errors: "main.metrics-listener 127.0.0.1:9090:
  // cannot listen: Address already in use".
  static Result<std::unique_ptr<HttpServer>> Bind(const std::string& address, const std::string& what,
                                                  const HttpLimits& limits = {});
  ~HttpServer();  // stops serving, closes every connection, joins its threads

  // Routes, set before Start: `method` and a path whose "*" segments match any one segment
  // (captured in HttpRequest::params). Unmatched requests go to the fallback (default: 404).
  void Handle(const std::string& method, const std::string& pattern, Handler handler);
  void HandleUnmatched(Handler handler);
  void Start();

  uint16_t port() const;
  const std::string& host() const;
  HttpCounters counters() const;

 private:
  class Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace base
