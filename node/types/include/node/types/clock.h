// Layers and epochs from genesis (node.md §8): layer L starts at genesis + L * layer_duration,
// epoch E is layers [E * layers_per_epoch, (E + 1) * layers_per_epoch).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace node {

class LayerClock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  LayerClock(TimePoint genesis, std::chrono::milliseconds layer_duration, uint32_t layers_per_epoch);

  // The layer now (0 before genesis).
  uint32_t CurrentLayer() const;
  uint32_t CurrentEpoch() const { return CurrentLayer() / layers_per_epoch_; }
  TimePoint LayerStart(uint32_t layer) const { return genesis_ + layer_duration_ * layer; }
  TimePoint EpochStart(uint32_t epoch) const { return LayerStart(epoch * layers_per_epoch_); }
  uint32_t layers_per_epoch() const { return layers_per_epoch_; }
  TimePoint genesis() const { return genesis_; }

 private:
  TimePoint genesis_;
  std::chrono::milliseconds layer_duration_;
  uint32_t layers_per_epoch_;
};

// "2023-07-14T08:00:00Z" (also with an offset such as "+02:00").
base::Result<LayerClock::TimePoint> ParseRfc3339(const std::string& text);
std::string FormatRfc3339(LayerClock::TimePoint t);  // UTC, seconds

}  // namespace node
