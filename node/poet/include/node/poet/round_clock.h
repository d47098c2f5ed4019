// The PoET server's round schedule (reference/activation.md §1.2, PO server/config.go): round n
// registers until RoundStart(n), then its sequential work runs until RoundEnd(n). Shared by the
// server (when to close and end rounds) and by tests that wait for a round.
#pragma once

#include <chrono>
#include <cstdint>

namespace node::poet {

class RoundClock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  using Duration = std::chrono::milliseconds;

  RoundClock(TimePoint genesis, Duration epoch_duration, Duration phase_shift, Duration cycle_gap)
      : genesis_(genesis), epoch_(epoch_duration), phase_shift_(phase_shift), cycle_gap_(cycle_gap) {}

  // genesis + PS + n * ED: registration for round n closes and its work starts.
  TimePoint RoundStart(uint64_t n) const { return genesis_ + phase_shift_ + epoch_ * static_cast<int64_t>(n); }
  // RoundStart(n) + ED - CG: the work of round n stops (once it has enough leaves).
  TimePoint RoundEnd(uint64_t n) const { return RoundStart(n) + epoch_ - cycle_gap_; }
  // The round that registers at `t`: 0 until genesis + PS, then floor((t - genesis - PS) / ED) + 1.
  uint64_t OpenRoundId(TimePoint t) const;

 private:
  TimePoint genesis_;
  Duration epoch_, phase_shift_, cycle_gap_;
};

}  // namespace node::poet
