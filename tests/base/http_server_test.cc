// HttpServer against raw loopback sockets: routing, framing, and what hostile or broken peers
// get (slow heads, large bodies, idle piles, pipelining). No result depends on timing: slow
// peers are given deadlines of a fraction of a second and the test waits for the answer.
#include "base/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>

namespace {

using base::HttpLimits;
using base::HttpRequest;
using base::HttpResponse;
using base::HttpServer;

class Socket {
 public:
  explicit Socket(uint16_t port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
  }
  ~Socket() { close(fd_); }
  Socket(const Socket&) = delete;

  void Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send");
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }

  // One answer: its status line and headers, then Content-Length bytes of body. Empty if the
  // server closed first; throws if nothing comes within 20 s (a hang, not a slow answer).
  std::string Answer() {
    for (;;) {
      const size_t end = buffered_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const size_t at = buffered_.find("Content-Length: ");
        const size_t length = std::stoul(buffered_.substr(at + 16));
        const bool head = last_was_head_;
        if (buffered_.size() >= end + 4 + (head ? 0 : length)) {
          std::string out = buffered_.substr(0, end + 4 + (head ? 0 : length));
          buffered_.erase(0, out.size());
          return out;
        }
      }
      if (!Receive()) return "";
    }
  }

  // True once the server has closed the connection (reads until EOF).
  bool ClosedByServer() {
    while (Receive()) {
    }
    return true;
  }

  void ExpectHeadAnswer() { last_was_head_ = true; }
  void HalfClose() { shutdown(fd_, SHUT_WR); }

 private:
  bool Receive() {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 20'000) != 1) throw std::runtime_error("no answer within 20 s");
    char buffer[4096];
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    buffered_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  int fd_;
  std::string buffered_;
  bool last_was_head_ = false;
};

std::string Status(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }
std::string Body(const std::string& answer) { return answer.substr(answer.find("\r\n\r\n") + 4); }

std::unique_ptr<HttpServer> Serve(const HttpLimits& limits = {}) {
  auto server = HttpServer::Bind("127.0.0.1:0", "test-listener", limits);
  REQUIRE(server.ok());
  (*server)->Handle("GET", "/status", [](const HttpRequest&) { return HttpResponse{200, "application/json", "{}"}; });
  (*server)->Handle("GET", "/v1/proofs/*", [](const HttpRequest& r) {
    return HttpResponse{200, "text/plain", "round " + r.params.at(0) + " query " + r.query};
  });
  (*server)->Handle("POST", "/echo", [](const HttpRequest& r) { return HttpResponse{200, "text/plain", r.body}; });
  (*server)->Handle("GET", "/throw", [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
  (*server)->Start();
  return std::move(*server);
}

}  // namespace

TEST_CASE("HttpServer routes requests and frames answers") {
  auto server = Serve();
  Socket s(server->port());
  s.Send("GET /status HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string status = s.Answer();
  CHECK(Status(status) == "HTTP/1.1 200 OK");
  CHECK(status.find("Content-Type: application/json\r\n") != std::string::npos);
  CHECK(Body(status) == "{}");

  s.Send("GET /v1/proofs/17?a=b HTTP/1.1\r\n\r\n");
  CHECK(Body(s.Answer()) == "round 17 query a=b");
  s.Send("GET /v1/proofs/ HTTP/1.1\r\n\r\n");  // '*' needs a segment
  CHECK(Status(s.Answer()) == "HTTP/1.1 404 Not Found");
  s.Send("POST /status HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
  CHECK(Status(s.Answer()) == "HTTP/1.1 404 Not Found");
  s.Send("POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
  CHECK(Body(s.Answer()) == "hello");
  s.Send("GET /throw HTTP/1.1\r\n\r\n");
  const std::string thrown = s.Answer();
  CHECK(Status(thrown) == "HTTP/1.1 500 Internal Server Error");
  CHECK(Body(thrown) == "internal error: boom\n");

  s.ExpectHeadAnswer();
  s.Send("HEAD /status HTTP/1.1\r\n\r\n");
  const std::string head = s.Answer();
  CHECK(head.find("Content-Length: 2\r\n") != std::string::npos);
  CHECK(Body(head).empty());
  CHECK(server->counters().requests == 7);
}

TEST_CASE("HttpServer answers pipelined requests in order and honours Connection: close") {
  auto server = Serve();
  Socket s(server->port());
  s.Send("GET /v1/proofs/1 HTTP/1.1\r\n\r\nGET /v1/proofs/2 HTTP/1.1\r\n\r\nGET /v1/proofs/3 HTTP/1.1\r\nConnection: close\r\n\r\n");
  CHECK(Body(s.Answer()) == "round 1 query ");
  CHECK(Body(s.Answer()) == "round 2 query ");
  const std::string last = s.Answer();
  CHECK(Body(last) == "round 3 query ");
  CHECK(last.find("Connection: close\r\n") != std::string::npos);
  CHECK(s.ClosedByServer());

  Socket old(server->port());  // HTTP/1.0 closes unless asked, and a half-closed peer is still answered
  old.Send("GET /status HTTP/1.0\r\n\r\n");
  old.HalfClose();
  CHECK(Status(old.Answer()) == "HTTP/1.1 200 OK");
  CHECK(old.ClosedByServer());
}

TEST_CASE("HttpServer refuses bodies over the limit without reading them, and any body on GET") {
  HttpLimits limits;
  limits.max_body_bytes = 1024;
  auto server = Serve(limits);
  {
    Socket s(server->port());
    // 400 MiB announced, none sent: the answer comes at once, so nothing was waited for.
    s.Send("POST /echo HTTP/1.1\r\nContent-Length: 419430400\r\n\r\n");
    const std::string answer = s.Answer();
    CHECK(Status(answer) == "HTTP/1.1 413 Content Too Large");
    CHECK(Body(answer) == "request body of 419430400 bytes; POST takes at most 1024\n");
    CHECK(s.ClosedByServer());
  }
  {
    Socket s(server->port());
    s.Send("GET /status HTTP/1.1\r\nContent-Length: 1\r\n\r\nx");
    CHECK(Status(s.Answer()) == "HTTP/1.1 413 Content Too Large");
  }
  {
    Socket s(server->port());
    s.Send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    CHECK(Status(s.Answer()) == "HTTP/1.1 411 Length Required");
  }
  {
    Socket s(server->port());
    s.Send("POST /echo HTTP/1.1\r\nContent-Length: 1024\r\n\r\n" + std::string(1024, 'a'));
    CHECK(Body(s.Answer()).size() == 1024);
  }
  CHECK(server->counters().refused == 3);
}

TEST_CASE("HttpServer refuses malformed and oversized heads") {
  HttpLimits limits;
  limits.max_head_bytes = 256;
  auto server = Serve(limits);
  {
    Socket s(server->port());
    s.Send("GET /status HTTP/1.1\r\nX-Big: " + std::string(300, 'a'));  // no end in sight
    CHECK(Status(s.Answer()) == "HTTP/1.1 431 Request Header Fields Too Large");
    CHECK(s.ClosedByServer());
  }
  {
    Socket s(server->port());
    s.Send("GET /status HTTP/3\r\n\r\n");
    const std::string answer = s.Answer();
    CHECK(Status(answer) == "HTTP/1.1 400 Bad Request");
    CHECK(Body(answer) == "malformed HTTP request: not HTTP/1.0 or HTTP/1.1\n");
  }
}

TEST_CASE("A slow sender gets 408 while idle and slow connections do not hold up others") {
  HttpLimits limits;
  limits.request_timeout = std::chrono::milliseconds(300);
  limits.idle_timeout = std::chrono::seconds(60);
  auto server = Serve(limits);
  std::vector<std::unique_ptr<Socket>> idle;
  for (int i = 0; i < 300; ++i) idle.push_back(std::make_unique<Socket>(server->port()));
  Socket slow1(server->port()), slow2(server->port());
  slow1.Send("GET /sta");
  slow2.Send("G");
  for (int i = 0; i < 20; ++i) {  // answered while 300 idle and 2 slow connections are open
    Socket s(server->port());
    s.Send("GET /status HTTP/1.1\r\n\r\n");
    CHECK(Status(s.Answer()) == "HTTP/1.1 200 OK");
  }
  const std::string timed_out = slow1.Answer();
  CHECK(Status(timed_out) == "HTTP/1.1 408 Request Timeout");
  CHECK(slow1.ClosedByServer());
  CHECK(Status(slow2.Answer()) == "HTTP/1.1 408 Request Timeout");
  CHECK(server->counters().timed_out == 2);
}

TEST_CASE("At the connection cap the longest-idle connection makes room") {
  HttpLimits limits;
  limits.max_connections = 4;
  auto server = Serve(limits);
  Socket first(server->port());
  std::vector<std::unique_ptr<Socket>> others;
  for (int i = 0; i < 3; ++i) others.push_back(std::make_unique<Socket>(server->port()));
  // The connections are accepted in order; a request on each proves they are all open.
  for (auto& s : others) {
    s->Send("GET /status HTTP/1.1\r\n\r\n");
    CHECK(Status(s->Answer()) == "HTTP/1.1 200 OK");
  }
  Socket fifth(server->port());
  fifth.Send("GET /status HTTP/1.1\r\n\r\n");
  CHECK(Status(fifth.Answer()) == "HTTP/1.1 200 OK");
  CHECK(first.ClosedByServer());  // it never sent a byte: it was the one evicted
}

TEST_CASE("Bind refuses a port in use and names the setting") {
  auto first = HttpServer::Bind("127.0.0.1:0", "main.metrics-listener");
  REQUIRE(first.ok());
  const std::string address = "127.0.0.1:" + std::to_string((*first)->port());
  auto second = HttpServer::Bind(address, "main.metrics-listener");
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().message() == "main.metrics-listener " + address + ": cannot listen: Address already in use");
  auto bad = HttpServer::Bind("nohost", "--operator-address");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().starts_with("--operator-address: invalid address 'nohost'"));
}
