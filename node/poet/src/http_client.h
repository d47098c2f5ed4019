// One PoET's HTTP endpoint for the client: requests with the configured timeout, retried on
// transport errors, 429 and 5xx (retry_max times, retry_delay apart), as go-spacemesh's
// retryable client does. No shared connection: each call is independent, so callers may run
// concurrently.
#pragma once

#include <atomic>
#include <string>

#include "base/status.h"
#include "node/poet/client.h"

namespace node::poet {

struct HttpReply {
  int status = 0;
  std::string body;
};

class HttpEndpoint {
 public:
  // `address` is a normalised URL ("http://host:port[/prefix]").
  HttpEndpoint(const std::string& address, const ClientOptions& options);

  // GET (empty body) or POST (JSON body) of base path + `path`. The last answer after the
  // retries, whatever its status; Unavailable naming the URL when no answer came; Aborted once
  // `stop` is set.
  base::Result<HttpReply> Call(const std::string& path, const std::string* body, const std::atomic<bool>& stop) const;

 private:
  std::string origin_;  // scheme://host[:port]
  std::string prefix_;  // the URL's path without a trailing '/'
  ClientOptions options_;
};

}  // namespace node::poet
