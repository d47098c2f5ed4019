#include "base/http_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "base/host_port.h"
#include "base/http_parse.h"
#include "base/listen_socket.h"

namespace base {
namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t kListenTag = 0, kWakeTag = 1;  // epoll tags; connections are numbered from 2
constexpr size_t kReadChunk = 16 * 1024;
// After the last answer of a connection the write side is shut and what the peer still sends is
// read and dropped for a while, so that closing does not reset the connection before the peer
// has read the answer (it matters when a refused body is still arriving).
constexpr auto kLinger = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 1 << 20;
constexpr auto kAcceptPause = std::chrono::milliseconds(100);  // when out of file descriptors

const char* Reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 499: return "Client Closed Request";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

std::string Serialize(const HttpResponse& r, bool keep_alive, int minor_version, bool head_only) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + Reason(r.status) +
                    "\r\nContent-Type: " + r.content_type + "\r\nContent-Length: " + std::to_string(r.body.size()) +
                    "\r\n";
  if (!keep_alive) out += "Connection: close\r\n";
  if (keep_alive && minor_version == 0) out += "Connection: keep-alive\r\n";
  out += "\r\n";
  if (!head_only) out += r.body;
  return out;
}

// "/v1/proofs/7" -> {"v1", "proofs", "7"}.
std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  if (!path.empty() && path[0] == '/') path.remove_prefix(1);
  for (size_t slash; (slash = path.find('/')) != std::string_view::npos; path.remove_prefix(slash + 1)) {
    out.emplace_back(path.substr(0, slash));
  }
  out.emplace_back(path);
  return out;
}

struct Peer {
  std::string host, remote;
  bool loopback = false;
};

Peer DescribePeer(const sockaddr_storage& addr, socklen_t len) {
  char host[NI_MAXHOST] = "?", port[NI_MAXSERV] = "?";
  getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, port, sizeof port,
              NI_NUMERICHOST | NI_NUMERICSERV);
  Peer peer{host, FormatHostPort(host, static_cast<uint16_t>(std::atoi(port))), false};
  if (addr.ss_family == AF_INET6) {
    const auto& a6 = reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr;
    // ::1, or an IPv4-mapped 127.x address.
    peer.loopback = IN6_IS_ADDR_LOOPBACK(&a6) || (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
  } else {
    peer.loopback = (ntohl(reinterpret_cast<const sockaddr_in&>(addr).sin_addr.s_addr) >> 24) == 127;
  }
  return peer;
}

struct Connection {
  enum class State { kReading, kHandling, kWriting, kLingering };
  uint64_t id = 0;
  int fd = -1;
  Peer peer;
  State state = State::kReading;
  std::string in;                       // bytes of the request being read (and any after it)
  std::optional<HttpRequestHead> head;  // once its head has arrived
  size_t head_end = 0;
  uint64_t body_length = 0;
  bool request_started = false;  // a byte of the current request has arrived
  bool eof = false;              // the peer has shut its sending side
  std::string out;
  size_t out_at = 0;
  bool keep_alive = true;
  size_t lingered = 0;
  Clock::time_point deadline = Clock::time_point::max();
  Clock::time_point idle_since;
};

struct Route {
  std::string method;
  std::vector<std::string> segments;
  HttpServer::Handler handler;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(const HttpLimits& limits, std::string host) : limits(limits), host(std::move(host)) {}
  ~Impl() {
    stopping = true;
    Wake();
    if (loop.joinable()) loop.join();
    {
      std::lock_guard lock(jobs_mu);
      jobs_stop = true;
    }
    jobs_cv.notify_all();
    for (auto& w : workers) w.join();
    for (auto& [id, c] : connections) close(c->fd);
    for (int fd : {listen_fd, epoll_fd, wake_fd}) {
      if (fd >= 0) close(fd);
    }
  }

  void Start() {
    for (size_t i = 0; i < std::max<size_t>(1, limits.workers); ++i) workers.emplace_back([this] { Work(); });
    loop = std::thread([this] { Loop(); });
  }

  const HttpLimits limits;
  const std::string host;
  uint16_t port = 0;
  int listen_fd = -1, epoll_fd = -1, wake_fd = -1;
  std::vector<Route> routes;
  Handler unmatched = [](const HttpRequest&) { return HttpResponse{404, "text/plain", "not found\n"}; };
  std::atomic<uint64_t> n_requests{0}, n_refused{0}, n_timed_out{0}, n_connections{0};

 private:
  struct Job {
    uint64_t id;
    HttpRequest request;
    bool keep_alive;
    int minor_version;
  };
  struct Answer {
    uint64_t id;
    std::string bytes;
    bool keep_alive;
  };

  void Wake() {
    const uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(wake_fd, &one, sizeof one);
  }

  // --- the event loop: only its thread touches the connections ---

  void Loop() {
    epoll_event events[256];
    while (!stopping) {
      const int n = epoll_wait(epoll_fd, events, 256, TimeoutMs());
      if (n < 0 && errno != EINTR) break;
      for (int i = 0; i < n; ++i) {
        const uint64_t tag = events[i].data.u64;
        if (tag == kListenTag) {
          Accept();
        } else if (tag == kWakeTag) {
          uint64_t count;
          [[maybe_unused]] ssize_t r = read(wake_fd, &count, sizeof count);
          TakeAnswers();
        } else if (auto it = connections.find(tag); it != connections.end()) {
          OnEvent(*it->second, events[i].events);
        }
      }
      Expire(Clock::now());
    }
  }

  int TimeoutMs() const {
    auto next = accept_paused ? accept_resume : Clock::time_point::max();
    for (const auto& [id, c] : connections) next = std::min(next, c->deadline);
    if (next == Clock::time_point::max()) return -1;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - Clock::now()).count();
    return static_cast<int>(std::clamp<int64_t>(ms, 0, 60'000));
  }

  void SetEvents(const Connection& c, uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = c.id;
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev);
  }

  void Close(uint64_t id) {
    auto it = connections.find(id);
    if (it == connections.end()) return;
    close(it->second->fd);
    if (auto h = per_host.find(it->second->peer.host); h != per_host.end() && --h->second == 0) per_host.erase(h);
    connections.erase(it);
  }

  void Accept() {
    for (;;) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      const int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) PauseAccept();
        return;
      }
      ++n_connections;
      Peer peer = DescribePeer(addr, len);
      const bool host_full = !peer.loopback && per_host[peer.host] >= limits.max_connections_per_host;
      if (host_full || (connections.size() >= limits.max_connections && !EvictIdle())) {
        ++n_refused;
        close(fd);
        continue;
      }
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      auto c = std::make_unique<Connection>();
      c->id = next_id++;
      c->fd = fd;
      c->peer = std::move(peer);
      c->idle_since = Clock::now();
      c->deadline = c->idle_since + limits.idle_timeout;
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = c->id;
      if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        close(fd);
        continue;
      }
      ++per_host[c->peer.host];
      connections.emplace(c->id, std::move(c));
    }
  }

  // Out of file descriptors: stop accepting for a moment instead of spinning on the listener.
  void PauseAccept() {
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
    accept_paused = true;
    accept_resume = Clock::now() + kAcceptPause;
  }

  // Closes the connection idle for longest (no request bytes); false if none is idle.
  bool EvictIdle() {
    Connection* oldest = nullptr;
    for (auto& [id, c] : connections) {
      if (c->state == Connection::State::kReading && !c->request_started &&
          (!oldest || c->idle_since < oldest->idle_since)) {
        oldest = c.get();
      }
    }
    if (oldest) Close(oldest->id);
    return oldest != nullptr;
  }

  void OnEvent(Connection& c, uint32_t events) {
    switch (c.state) {
      case Connection::State::kReading: return Read(c);
      case Connection::State::kWriting: return Flush(c);
      case Connection::State::kLingering: return Linger(c);
      case Connection::State::kHandling:
        if (events & (EPOLLHUP | EPOLLERR)) Close(c.id);  // its answer will find no one
        return;
    }
  }

  // How many more bytes to take for the current request: up to the end of its body once the
  // head is known (later bytes wait in the socket), else one more than a head may have.
  size_t Room(const Connection& c) const {
    const size_t want = c.head ? c.head_end + c.body_length : limits.max_head_bytes + 1;
    return want > c.in.size() ? want - c.in.size() : 0;
  }

  void Read(Connection& c) {
    char buffer[kReadChunk];
    for (size_t room; (room = Room(c)) > 0;) {
      const ssize_t n = recv(c.fd, buffer, std::min(room, sizeof buffer), 0);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return Close(c.id);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      if (n == 0) {
        c.eof = true;  // a request already here is still answered
        break;
      }
      if (!c.request_started) {
        c.request_started = true;
        c.deadline = Clock::now() + limits.request_timeout;
      }
      c.in.append(buffer, static_cast<size_t>(n));
    }
    const uint64_t id = c.id;
    Parse(c);
    // Parse may have closed it; a peer that has stopped sending gets no further request.
    if (auto it = connections.find(id); it != connections.end() && it->second->eof &&
                                        it->second->state == Connection::State::kReading) {
      Close(id);
    }
  }

  void Parse(Connection& c) {
    if (!c.head) {
      const size_t end = FindHeadEnd(c.in);
      if (end == std::string::npos && c.in.size() <= limits.max_head_bytes) return;
      if (end == std::string::npos || end > limits.max_head_bytes) {
        return Refuse(c, 431, "request head over " + std::to_string(limits.max_head_bytes) + " bytes");
      }
      auto head = ParseRequestHead(std::string_view(c.in).substr(0, end));
      if (!head.ok()) return Refuse(c, 400, head.status().message());
      auto length = BodyLength(*head);
      if (!length.ok()) {
        return Refuse(c, length.status().code() == Status::Code::kFailedPrecondition ? 411 : 400,
                      length.status().message());
      }
      const bool takes_body = head->method != "GET" && head->method != "HEAD";
      if (*length > (takes_body ? limits.max_body_bytes : 0)) {
        return Refuse(c, 413,
                      "request body of " + std::to_string(*length) + " bytes; " + head->method + " takes at most " +
                          std::to_string(takes_body ? limits.max_body_bytes : 0));
      }
      const std::string* expect = head->Header("expect");
      if (expect && *expect == "100-continue" && c.in.size() < end + *length) {
        static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
        [[maybe_unused]] ssize_t n = send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL);
      }
      c.head = std::move(*head);
      c.head_end = end;
      c.body_length = *length;
    }
    if (c.in.size() < c.head_end + c.body_length) return;

    Job job{c.id, {}, KeepAlive(*c.head) && !c.eof, c.head->minor_version};
    HttpRequest& r = job.request;
    r.method = c.head->method;
    const size_t question = c.head->target.find('?');
    r.path = c.head->target.substr(0, question);
    if (question != std::string::npos) r.query = c.head->target.substr(question + 1);
    r.headers = std::move(c.head->headers);
    r.body = c.in.substr(c.head_end, c.body_length);
    r.remote = c.peer.remote;
    c.in.erase(0, c.head_end + c.body_length);
    c.head.reset();
    c.request_started = false;
    c.state = Connection::State::kHandling;
    c.deadline = Clock::time_point::max();  // handlers are ours; the peer's clock starts again at the answer
    SetEvents(c, 0);
    {
      std::lock_guard lock(jobs_mu);
      jobs.push_back(std::move(job));
    }
    jobs_cv.notify_one();
  }

  // Answers `status` with `why` and closes the connection after it.
  void Refuse(Connection& c, int status, const std::string& why) {
    ++n_refused;
    Respond(c, Serialize({status, "text/plain", why + "\n"}, false, 1, false), false);
  }

  void Respond(Connection& c, std::string bytes, bool keep_alive) {
    c.out = std::move(bytes);
    c.out_at = 0;
    c.keep_alive = keep_alive;
    c.state = Connection::State::kWriting;
    c.deadline = Clock::now() + limits.write_timeout;
    Flush(c);
  }

  void Flush(Connection& c) {
    while (c.out_at < c.out.size()) {
      const ssize_t n = send(c.fd, c.out.data() + c.out_at, c.out.size() - c.out_at, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_at += static_cast<size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        return SetEvents(c, EPOLLOUT);
      } else {
        return Close(c.id);
      }
    }
    c.out.clear();
    const auto now = Clock::now();
    if (!c.keep_alive) {
      shutdown(c.fd, SHUT_WR);
      c.state = Connection::State::kLingering;
      c.deadline = now + kLinger;
      return SetEvents(c, EPOLLIN);
    }
    c.state = Connection::State::kReading;
    c.idle_since = now;
    c.request_started = !c.in.empty();  // a pipelined request
    c.deadline = now + (c.request_started ? limits.request_timeout : limits.idle_timeout);
    SetEvents(c, EPOLLIN);
    if (c.request_started) Parse(c);
  }

  void Linger(Connection& c) {
    char buffer[kReadChunk];
    for (;;) {
      const ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0 || (c.lingered += static_cast<size_t>(n)) > kLingerBytes) return Close(c.id);
    }
  }

  void Expire(Clock::time_point now) {
    if (accept_paused && now >= accept_resume) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = kListenTag;
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev);
      accept_paused = false;
    }
    std::vector<uint64_t> due;
    for (const auto& [id, c] : connections) {
      if (c->deadline <= now) due.push_back(id);
    }
    for (uint64_t id : due) {
      Connection& c = *connections.at(id);
      if (c.state == Connection::State::kReading && c.request_started) {
        ++n_timed_out;
        Refuse(c, 408, "the request did not arrive within " + std::to_string(limits.request_timeout.count()) + " ms");
      } else {
        if (c.state == Connection::State::kWriting) ++n_timed_out;
        Close(id);
      }
    }
  }

  void TakeAnswers() {
    std::deque<Answer> ready;
    {
      std::lock_guard lock(answers_mu);
      ready.swap(answers);
    }
    for (Answer& a : ready) {
      auto it = connections.find(a.id);
      if (it != connections.end()) Respond(*it->second, std::move(a.bytes), a.keep_alive);
    }
  }

  // --- the workers ---

  void Work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(jobs_mu);
        jobs_cv.wait(lock, [&] { return jobs_stop || !jobs.empty(); });
        if (jobs_stop) return;
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      const HttpResponse response = Dispatch(job.request);
      ++n_requests;
      Answer answer{job.id, Serialize(response, job.keep_alive, job.minor_version, job.request.method == "HEAD"),
                    job.keep_alive};
      {
        std::lock_guard lock(answers_mu);
        answers.push_back(std::move(answer));
      }
      Wake();
    }
  }

  HttpResponse Dispatch(HttpRequest& request) const {
    const std::vector<std::string> segments = Segments(request.path);
    const std::string& method = request.method == "HEAD" ? std::string("GET") : request.method;
    for (const Route& route : routes) {
      if (route.method != method || route.segments.size() != segments.size()) continue;
      std::vector<std::string> params;
      bool match = true;
      for (size_t i = 0; i < segments.size() && match; ++i) {
        if (route.segments[i] == "*" && !segments[i].empty()) {
          params.push_back(segments[i]);
        } else {
          match = route.segments[i] == segments[i];
        }
      }
      if (!match) continue;
      request.params = std::move(params);
      return Call(route.handler, request);
    }
    return Call(unmatched, request);
  }

  static HttpResponse Call(const Handler& handler, const HttpRequest& request) {
    try {
      return handler(request);
    } catch (const std::exception& e) {
      return {500, "text/plain", std::string("internal error: ") + e.what() + "\n"};
    }
  }

  std::atomic<bool> stopping{false};
  std::thread loop;
  std::vector<std::thread> workers;
  std::unordered_map<uint64_t, std::unique_ptr<Connection>> connections;  // the loop's
  std::map<std::string, size_t> per_host;                                 // the loop's
  uint64_t next_id = 2;
  bool accept_paused = false;
  Clock::time_point accept_resume;

  std::mutex jobs_mu;
  std::condition_variable jobs_cv;
  std::deque<Job> jobs;
  bool jobs_stop = false;
  std::mutex answers_mu;
  std::deque<Answer> answers;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::Bind(const std::string& address, const std::string& what,
                                                     const HttpLimits& limits) {
  auto socket = Listen(address, what, limits.backlog);
  if (!socket.ok()) return socket.status();
  auto impl = std::make_unique<Impl>(limits, socket->host);
  impl->listen_fd = socket->fd;
  impl->port = socket->port;
  impl->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  impl->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl->epoll_fd < 0 || impl->wake_fd < 0) {
    return Status::IoError(what + " " + address + ": " + std::strerror(errno));
  }
  for (const auto& [fd, tag] : {std::pair{impl->listen_fd, kListenTag}, std::pair{impl->wake_fd, kWakeTag}}) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = tag;
    epoll_ctl(impl->epoll_fd, EPOLL_CTL_ADD, fd, &ev);
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

void HttpServer::Handle(const std::string& method, const std::string& pattern, Handler handler) {
  impl_->routes.push_back({method, Segments(pattern), std::move(handler)});
}

void HttpServer::HandleUnmatched(Handler handler) { impl_->unmatched = std::move(handler); }

void HttpServer::Start() { impl_->Start(); }

uint16_t HttpServer::port() const { return impl_->port; }
const std::string& HttpServer::host() const { return impl_->host; }

HttpCounters HttpServer::counters() const {
  return {impl_->n_requests.load(), impl_->n_refused.load(), impl_->n_timed_out.load(), impl_->n_connections.load()};
}

}  // namespace base
