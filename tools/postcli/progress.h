// The initializer's progress line on stderr: labels/s, MiB/s, percent, ETA and the file.
#pragma once

#include <chrono>
#include <string>

#include "post/initialize.h"

namespace postcli {

class ProgressLine : public post::InitObserver {
 public:
  explicit ProgressLine(std::string generator);
  void Progress(const post::InitProgress& p) override;
  void Finish();  // ends the line

 private:
  using Clock = std::chrono::steady_clock;
  std::string generator_;
  Clock::time_point start_ = Clock::now(), last_print_{};
  bool printed_ = false;
};

}  // namespace postcli
