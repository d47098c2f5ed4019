#include "base/listen_socket.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/host_port.h"

namespace base {

Result<ListenSocket> Listen(const std::string& address, const std::string& what, int backlog) {
  auto hp = ParseHostPort(address);
  if (!hp.ok()) return hp.status().WithContext(what);
  const std::string where = what + " " + address;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(hp->port);
  if (int e = getaddrinfo(hp->host.empty() ? nullptr : hp->host.c_str(), service.c_str(), &hints, &found); e != 0) {
    return Status::InvalidArgument(where + ": cannot resolve the host: " + gai_strerror(e));
  }
  ListenSocket out{-1, hp->host, 0};
  int error = 0;
  for (addrinfo* a = found; a != nullptr && out.fd < 0; a = a->ai_next) {
    const int fd = socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      error = errno;
      continue;
    }
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 && listen(fd, backlog) == 0) {
      out.fd = fd;
    } else {
      error = errno;
      close(fd);
    }
  }
  freeaddrinfo(found);
  if (out.fd < 0) return Status::IoError(where + ": cannot listen: " + std::strerror(error));
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(out.fd, reinterpret_cast<sockaddr*>(&bound), &len);
  out.port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                               : reinterpret_cast<sockaddr_in&>(bound).sin_port);
  return out;
}

}  // namespace base
