// The activation cycle's times (reference/activation.md §1.1): for the ATX an identity publishes
// in epoch P, its PoET round runs from start(P-1)+PS to start(P)+PS-CG, registration closes when
// it starts, the node wakes `grace` earlier to build the challenge, the PoST must be done within
// the cycle gap, and the ATX is published in [start(P), start(P+1)).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "node/types/clock.h"

namespace node {

class CycleClock {
 public:
  using TimePoint = LayerClock::TimePoint;
  using Duration = std::chrono::milliseconds;

  CycleClock(LayerClock layers, Duration phase_shift, Duration cycle_gap, Duration grace_period);

  const LayerClock& layers() const { return layers_; }
  Duration cycle_gap() const { return cycle_gap_; }
  uint32_t CurrentEpoch(TimePoint now) const;
  TimePoint EpochStart(uint32_t epoch) const { return layers_.EpochStart(epoch); }

  // The publish epoch of the next ATX: E = max(current epoch, the previous ATX's publish epoch),
  // plus one if the PoET round of E has already started; then E + 1.
  uint32_t NextPublishEpoch(TimePoint now, std::optional<uint32_t> previous_publish) const;

  // For publish epoch P (P >= 1):
  TimePoint WakeUp(uint32_t publish) const { return RoundStart(publish) - grace_period_; }
  // The PoET round's start, which is also the registration deadline.
  TimePoint RoundStart(uint32_t publish) const { return EpochStart(publish - 1) + phase_shift_; }
  TimePoint RoundEnd(uint32_t publish) const { return EpochStart(publish) + phase_shift_ - cycle_gap_; }
  // After this no proof of the round is waited for; also the deadline sent to the PoET.
  TimePoint ProofDeadline(uint32_t publish) const { return EpochStart(publish + 1) - cycle_gap_; }
  // The end of the publish window: the PoST and the ATX must be done by then.
  TimePoint PublishEnd(uint32_t publish) const { return EpochStart(publish + 1); }

 private:
  LayerClock layers_;
  Duration phase_shift_, cycle_gap_, grace_period_;
};

}  // namespace node
