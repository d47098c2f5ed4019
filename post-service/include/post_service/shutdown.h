// A one-shot stop request that any thread can make and several threads can wait for.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

namespace post_service {

class ShutdownLatch {
 public:
  // The first reason wins; later calls only wake waiters again.
  void Trigger(const std::string& reason);
  bool triggered() const;
  std::string reason() const;
  void Wait();
  // True if triggered within `timeout`.
  bool WaitFor(std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool triggered_ = false;  // guarded by mu_
  std::string reason_;      // guarded by mu_
};

}  // namespace post_service
