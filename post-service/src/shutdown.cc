#include "post_service/shutdown.h"

namespace post_service {

void ShutdownLatch::Trigger(const std::string& reason) {
  std::lock_guard lock(mu_);
  if (!triggered_) reason_ = reason;
  triggered_ = true;
  cv_.notify_all();
}

bool ShutdownLatch::triggered() const {
  std::lock_guard lock(mu_);
  return triggered_;
}

std::string ShutdownLatch::reason() const {
  std::lock_guard lock(mu_);
  return reason_;
}

void ShutdownLatch::Wait() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return triggered_; });
}

bool ShutdownLatch::WaitFor(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return triggered_; });
}

}  // namespace post_service
