#include "post_service/stop_triggers.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <ctime>
#include <fstream>
#include <string>

namespace post_service {
namespace {

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

bool ProcessAlive(int pid) {
  if (pid <= 0 || (kill(pid, 0) != 0 && errno != EPERM)) return false;
  // /proc/<pid>/stat: "pid (comm) S ..."; the state follows the last ')'.
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;  // no procfs: kill() is all we know
  const size_t close = line.rfind(')');
  return close == std::string::npos || close + 2 >= line.size() || (line[close + 2] != 'Z' && line[close + 2] != 'X');
}

StopTriggers::StopTriggers(ShutdownLatch& latch, std::optional<int> watch_pid) : latch_(latch) {
  const sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signals_ = std::thread([this, set] {
    const timespec poll{0, 200'000'000};
    while (!latch_.triggered()) {
      const int sig = sigtimedwait(&set, nullptr, &poll);
      if (sig == SIGINT || sig == SIGTERM) {
        spdlog::info("{} received, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
        latch_.Trigger(sig == SIGINT ? "SIGINT" : "SIGTERM");
      }
    }
  });
  if (watch_pid) {
    spdlog::info("watching process {}: exiting when it exits", *watch_pid);
    pid_watch_ = std::thread([this, pid = *watch_pid] {
      do {
        if (!ProcessAlive(pid)) {
          spdlog::info("watched process {} is gone, shutting down", pid);
          latch_.Trigger("watched process " + std::to_string(pid) + " exited");
          return;
        }
      } while (!latch_.WaitFor(std::chrono::seconds(1)));
    });
  }
}

StopTriggers::~StopTriggers() {
  latch_.Trigger("shutting down");
  signals_.join();
  if (pid_watch_.joinable()) pid_watch_.join();
}

}  // namespace post_service
