// spacemesh-poet: our PoET server as its own process. Logs go to stderr; stdout carries one line,
// "listening on <url>", once the server is up. SIGINT or SIGTERM stops it (exit 0); bad flags
// exit 2, a failed start 1.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "flags.h"
#include "node/poet/server.h"

int main(int argc, char** argv) {
  auto command = node::poet::ParseFlags(argc, argv);
  if (!command.ok()) {
    std::fprintf(stderr, "spacemesh-poet: %s (see --help)\n", command.status().message().c_str());
    return 2;
  }
  if (command->help) {
    std::fputs(node::poet::Usage().c_str(), stdout);
    return 0;
  }
  spdlog::set_default_logger(spdlog::stderr_color_mt("poet"));

  // Blocked here, so every thread started below inherits the mask and sigwait gets them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = node::poet::Server::Start(command->options);
  if (!server.ok()) {
    std::fprintf(stderr, "spacemesh-poet: %s\n", server.status().message().c_str());
    return 1;
  }
  std::printf("listening on %s\n", (*server)->url().c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&signals, &signal);
  spdlog::info("poet: {} received, stopping", strsignal(signal));
  server->reset();
  return 0;
}
