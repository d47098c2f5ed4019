// What ends the service from outside: SIGINT/SIGTERM, and the exit of the --watch-pid process
// (the node that supervises it).
#pragma once

#include <optional>
#include <thread>

#include "post_service/shutdown.h"

namespace post_service {

// True while `pid` exists and is not a zombie.
bool ProcessAlive(int pid);

// Blocks SIGINT and SIGTERM in the calling thread, so construct it before any other thread
// starts (they inherit the mask); a watcher thread turns them into latch triggers. Another
// thread polls `watch_pid` once a second. Both stop when the latch is triggered.
class StopTriggers {
 public:
  StopTriggers(ShutdownLatch& latch, std::optional<int> watch_pid);
  ~StopTriggers();
  StopTriggers(const StopTriggers&) = delete;
  StopTriggers& operator=(const StopTriggers&) = delete;

 private:
  ShutdownLatch& latch_;
  std::thread signals_;
  std::thread pid_watch_;
};

}  // namespace post_service
