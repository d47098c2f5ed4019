#include "base/http_parse.h"

#include <algorithm>
#include <charconv>

namespace base {
namespace {

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar); }

// Field values: visible characters, spaces, tabs and obs-text; no control characters.
bool IsFieldValue(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || u >= 0x20 && u != 0x7f;
  });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  return out;
}

// The next line of `rest` without its CRLF or LF; advances `rest`.
std::string_view NextLine(std::string_view& rest) {
  const size_t lf = rest.find('\n');
  std::string_view line = rest.substr(0, lf);
  rest.remove_prefix(lf == std::string_view::npos ? rest.size() : lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Status Malformed(std::string_view what) { return Status::InvalidArgument("malformed HTTP request: " + std::string(what)); }

}  // namespace

const std::string* HttpRequestHead::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

size_t FindHeadEnd(std::string_view data) {
  // Empty lines before the request line are allowed (RFC 9112 §2.2) and skipped by the parser.
  size_t start = 0;
  while (start < data.size() && (data[start] == '\r' || data[start] == '\n')) ++start;
  for (size_t lf = data.find('\n', start); lf != std::string_view::npos; lf = data.find('\n', lf + 1)) {
    if (lf + 1 < data.size() && data[lf + 1] == '\n') return lf + 2;
    if (lf + 2 < data.size() && data[lf + 1] == '\r' && data[lf + 2] == '\n') return lf + 3;
  }
  return std::string_view::npos;
}

Result<HttpRequestHead> ParseRequestHead(std::string_view head) {
  while (!head.empty() && (head.front() == '\r' || head.front() == '\n')) head.remove_prefix(1);
  const std::string_view request_line = NextLine(head);
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : request_line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || request_line.find(' ', sp2 + 1) != std::string_view::npos) {
    return Malformed("the request line is not 'METHOD target HTTP/1.x'");
  }
  HttpRequestHead out;
  out.method = std::string(request_line.substr(0, sp1));
  out.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = request_line.substr(sp2 + 1);
  if (!IsToken(out.method)) return Malformed("bad method");
  if (out.target.empty() || out.target[0] != '/' ||
      !std::all_of(out.target.begin(), out.target.end(), [](char c) { return c > 0x20 && c != 0x7f; })) {
    return Malformed("the target is not an absolute path");
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return Malformed("not HTTP/1.0 or HTTP/1.1");
  out.minor_version = version.back() - '0';

  while (!head.empty()) {
    const std::string_view line = NextLine(head);
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') return Malformed("obsolete line folding");
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) return Malformed("bad header field");
    const std::string_view value = Trim(line.substr(colon + 1));
    if (!IsFieldValue(value)) return Malformed("control character in a header value");
    out.headers.emplace_back(Lower(line.substr(0, colon)), std::string(value));
  }
  return out;
}

Result<uint64_t> BodyLength(const HttpRequestHead& head) {
  if (head.Header("transfer-encoding") != nullptr) {
    return Status::FailedPrecondition("Transfer-Encoding is not accepted; send Content-Length");
  }
  std::optional<uint64_t> length;
  for (const auto& [name, value] : head.headers) {
    if (name != "content-length") continue;
    uint64_t n = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
      return Status::InvalidArgument("malformed HTTP request: bad Content-Length '" + value + "'");
    }
    if (length && *length != n) return Status::InvalidArgument("malformed HTTP request: conflicting Content-Length");
    length = n;
  }
  return length.value_or(0);
}

bool KeepAlive(const HttpRequestHead& head) {
  const std::string* connection = head.Header("connection");
  const std::string value = connection ? Lower(*connection) : "";
  if (head.minor_version == 0) return value.find("keep-alive") != std::string::npos;
  return value.find("close") == std::string::npos;
}

}  // namespace base
