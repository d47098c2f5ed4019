#include "node/poet/round_clock.h"

namespace node::poet {

uint64_t RoundClock::OpenRoundId(TimePoint t) const {
  const auto since = t - genesis_;
  if (since < phase_shift_) return 0;
  return static_cast<uint64_t>((since - phase_shift_) / epoch_) + 1;
}

}  // namespace node::poet
