#include "http_client.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "grpc_status.h"

namespace node::poet {
namespace {

// Sleeps `d` in short steps; false when `stop` is set first.
bool Sleep(std::chrono::milliseconds d, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < until) {
    if (stop) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - std::chrono::steady_clock::now(),
                                                                              std::chrono::milliseconds(50)));
  }
  return !stop;
}

}  // namespace

HttpEndpoint::HttpEndpoint(const std::string& address, const ClientOptions& options) : options_(options) {
  const size_t host_start = address.find("://") + 3;
  const size_t path_start = address.find('/', host_start);
  origin_ = address.substr(0, path_start);
  prefix_ = path_start == std::string::npos ? "" : address.substr(path_start);
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
}

base::Result<HttpReply> HttpEndpoint::Call(const std::string& path, const std::string* body,
                                           const std::atomic<bool>& stop) const {
  const std::string url = origin_ + prefix_ + path;
  std::string last_error;
  for (uint32_t attempt = 0;; ++attempt) {
    if (stop) return base::Status::Aborted(url + ": stopped");
    httplib::Client client(origin_);
    client.set_connection_timeout(options_.request_timeout);
    client.set_read_timeout(options_.request_timeout);
    client.set_write_timeout(options_.request_timeout);
    httplib::Result res =
        body != nullptr ? client.Post(prefix_ + path, *body, "application/json") : client.Get(prefix_ + path);
    if (res && !IsRetryableHttp(res->status)) return HttpReply{res->status, res->body};
    last_error =
        res ? fmt::format("HTTP {}: {}", res->status, res->body.substr(0, 200)) : httplib::to_string(res.error());
    if (attempt >= options_.retry_max) {
      if (res) return HttpReply{res->status, res->body};
      return base::Status::Unavailable(fmt::format("{}: {} (after {} attempts)", url, last_error, attempt + 1));
    }
    spdlog::debug("poet client: {}: {}; retrying in {} ms", url, last_error, options_.retry_delay.count());
    if (!Sleep(options_.retry_delay, stop)) return base::Status::Aborted(url + ": stopped");
  }
}

}  // namespace node::poet
