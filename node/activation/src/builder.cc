#include "node/activation/builder.h"

#include <spdlog/spdlog.h>

#include "identity_cycle.h"

namespace node {

bool StopSignal::SleepUntil(std::chrono::system_clock::time_point until) {
  std::unique_lock lock(mu_);
  return !changed_.wait_until(lock, until, [&] { return stopped_.load(); });
}

void StopSignal::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  changed_.notify_all();
}

void StopSignal::Reset() {
  std::lock_guard lock(mu_);
  stopped_ = false;
}

Builder::Builder(BuilderConfig config, BuilderParts parts, std::vector<NamedIdentity> identities)
    : config_(std::move(config)), parts_(std::move(parts)), identities_(std::move(identities)) {}

Builder::~Builder() { Stop(); }

void Builder::Start() {
  std::lock_guard lock(mu_);
  if (!threads_.empty()) return;
  stop_.Reset();
  for (const NamedIdentity& identity : identities_) {
    threads_.emplace_back([this, &identity] { IdentityCycle(config_, parts_, identity, stop_).Run(); });
  }
  spdlog::info("activation cycle started for {} identities", identities_.size());
}

void Builder::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    threads.swap(threads_);
  }
  if (threads.empty()) return;
  stop_.Stop();
  for (auto& t : threads) t.join();
  spdlog::info("activation cycle stopped");
}

bool Builder::running() const {
  std::lock_guard lock(mu_);
  return !threads_.empty();
}

}  // namespace node
