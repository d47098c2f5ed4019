#include "node/activation/cycle_clock.h"

#include <algorithm>

namespace node {

CycleClock::CycleClock(LayerClock layers, Duration phase_shift, Duration cycle_gap, Duration grace_period)
    : layers_(layers), phase_shift_(phase_shift), cycle_gap_(cycle_gap), grace_period_(grace_period) {}

uint32_t CycleClock::CurrentEpoch(TimePoint now) const {
  if (now < layers_.genesis()) return 0;
  const auto since = std::chrono::duration_cast<Duration>(now - layers_.genesis());
  const auto epoch = std::chrono::duration_cast<Duration>(EpochStart(1) - EpochStart(0));
  return static_cast<uint32_t>(since / epoch);
}

uint32_t CycleClock::NextPublishEpoch(TimePoint now, std::optional<uint32_t> previous_publish) const {
  uint32_t epoch = std::max(CurrentEpoch(now), previous_publish.value_or(0));
  if (EpochStart(epoch) + phase_shift_ <= now) ++epoch;
  return epoch + 1;
}

}  // namespace node
