#include "base/http_parse.h"

#include <catch2/catch.hpp>

using base::BodyLength;
using base::FindHeadEnd;
using base::ParseRequestHead;

TEST_CASE("FindHeadEnd waits for the blank line") {
  CHECK(FindHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n") == std::string::npos);
  CHECK(FindHeadEnd("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody") == 27);
  CHECK(FindHeadEnd("GET / HTTP/1.1\nHost: x\n\nbody") == 24);
  CHECK(FindHeadEnd("\r\n\r\nGET / HTTP/1.1\r\n\r\n") == 22);  // empty lines before the request line
  CHECK(FindHeadEnd("") == std::string::npos);
}

TEST_CASE("ParseRequestHead reads the request line and the fields") {
  auto head = ParseRequestHead("POST /v1/submit?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type:  application/json \r\n\r\n");
  REQUIRE(head.ok());
  CHECK(head->method == "POST");
  CHECK(head->target == "/v1/submit?x=1");
  CHECK(head->minor_version == 1);
  REQUIRE(head->headers.size() == 2);
  CHECK(head->headers[1].first == "content-type");
  CHECK(*head->Header("content-type") == "application/json");
  CHECK(head->Header("accept") == nullptr);

  auto lf = ParseRequestHead("\r\nGET / HTTP/1.0\nX-A: b\n\n");
  REQUIRE(lf.ok());
  CHECK(lf->minor_version == 0);
  CHECK(*lf->Header("x-a") == "b");
}

TEST_CASE("ParseRequestHead refuses malformed heads, saying what is wrong") {
  const auto error = [](std::string_view head) {
    auto r = ParseRequestHead(head);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  CHECK(error("GET /  HTTP/1.1\r\n\r\n").find("request line") != std::string::npos);
  CHECK(error("GET / HTTP/1.1 x\r\n\r\n").find("request line") != std::string::npos);
  CHECK(error("GET\r\n\r\n").find("request line") != std::string::npos);
  CHECK(error("G(T / HTTP/1.1\r\n\r\n").find("method") != std::string::npos);
  CHECK(error("GET http://a/ HTTP/1.1\r\n\r\n").find("absolute path") != std::string::npos);
  CHECK(error("GET / HTTP/2.0\r\n\r\n").find("HTTP/1.0") != std::string::npos);
  CHECK(error("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n").find("folding") != std::string::npos);
  CHECK(error("GET / HTTP/1.1\r\nNo colon\r\n\r\n").find("header field") != std::string::npos);
  CHECK(error("GET / HTTP/1.1\r\nA : b\r\n\r\n").find("header field") != std::string::npos);
  CHECK(error("GET / HTTP/1.1\r\nA: b\x01\r\n\r\n").find("control character") != std::string::npos);
  CHECK(error("GET / HTTP/1.1\r\n: b\r\n\r\n").find("header field") != std::string::npos);
}

TEST_CASE("BodyLength takes Content-Length only") {
  const auto length = [](std::string_view fields) {
    auto head = ParseRequestHead("POST / HTTP/1.1\r\n" + std::string(fields) + "\r\n");
    REQUIRE(head.ok());
    return BodyLength(*head);
  };
  CHECK(*length("") == 0);
  CHECK(*length("Content-Length: 12\r\n") == 12);
  CHECK(*length("Content-Length: 3\r\ncontent-length: 3\r\n") == 3);
  CHECK(*length("Content-Length: 18446744073709551615\r\n") == UINT64_MAX);
  for (const char* bad : {"Content-Length: +1\r\n", "Content-Length: -1\r\n", "Content-Length: 1x\r\n",
                          "Content-Length:\r\n", "Content-Length: 18446744073709551616\r\n",
                          "Content-Length: 1\r\nContent-Length: 2\r\n"}) {
    INFO(bad);
    auto r = length(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == base::Status::Code::kInvalidArgument);
  }
  auto chunked = length("Transfer-Encoding: chunked\r\n");
  REQUIRE_FALSE(chunked.ok());
  CHECK(chunked.status().code() == base::Status::Code::kFailedPrecondition);
}

TEST_CASE("KeepAlive follows the version and the Connection field") {
  const auto keep = [](std::string_view head) {
    auto h = ParseRequestHead(head);
    REQUIRE(h.ok());
    return base::KeepAlive(*h);
  };
  CHECK(keep("GET / HTTP/1.1\r\n\r\n"));
  CHECK_FALSE(keep("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n"));
  CHECK_FALSE(keep("GET / HTTP/1.0\r\n\r\n"));
  CHECK(keep("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
}
