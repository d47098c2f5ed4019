// HTTP/1.x request heads (RFC 9112 §2-§6) as our servers accept them: a request line, header
// fields, CRLF or bare LF line ends, no obsolete line folding, bodies framed by Content-Length
// only. Pure functions over bytes, so that they are unit-tested and fuzzed on their own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace base {

struct HttpRequestHead {
  std::string method;  // as sent: methods are case-sensitive
  std::string target;  // origin form: "/path?query"
  int minor_version = 1;  // HTTP/1.<minor>
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, values trimmed

  // The first value of header `lower_name`, or nullptr.
  const std::string* Header(std::string_view lower_name) const;
};

// The offset just past the blank line that ends the head at the start of `data`; npos until it
// has all arrived.
size_t FindHeadEnd(std::string_view data);

// Parses the head (the bytes FindHeadEnd delimits). InvalidArgument says what is malformed.
Result<HttpRequestHead> ParseRequestHead(std::string_view head);

// The body length: Content-Length, 0 when absent. InvalidArgument for a malformed or conflicting
// Content-Length; FailedPrecondition for Transfer-Encoding (chunked bodies are not accepted).
Result<uint64_t> BodyLength(const HttpRequestHead& head);

// Whether the connection stays open after the answer: HTTP/1.1 unless "Connection: close",
// HTTP/1.0 only with "Connection: keep-alive".
bool KeepAlive(const HttpRequestHead& head);

}  // namespace base
