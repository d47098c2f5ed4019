// google.protobuf.Duration and Timestamp as protojson writes and reads them (reference/activation.md
// §4.1): durations "30s", "29.500s", "-0.001s"; timestamps RFC 3339 in UTC, e.g.
// "2024-01-02T03:04:05.123Z". Both are what the PoET's REST API carries.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace node::poet {

// A protobuf Timestamp: it reaches year 1 (Go's zero time, which the node sends for "no
// deadline"), beyond what a nanosecond time_point holds.
struct Timestamp {
  int64_t seconds = 0;  // since the Unix epoch
  int32_t nanos = 0;    // [0, 1e9)
  auto operator<=>(const Timestamp&) const = default;
};

// Go's time.Time{}, 0001-01-01T00:00:00Z: the "no deadline" value go-spacemesh marshals.
inline constexpr Timestamp kGoZeroTime{-62135596800, 0};

// Seconds with 0, 3, 6 or 9 fraction digits and an "s", as protojson prints Durations.
std::string FormatProtoDuration(std::chrono::nanoseconds d);
// Accepts what protojson accepts: an optional '-', digits, up to 9 fraction digits, "s".
base::Result<std::chrono::nanoseconds> ParseProtoDuration(std::string_view text);

// RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as protojson prints Timestamps.
std::string FormatProtoTimestamp(const Timestamp& t);
// RFC 3339 with "Z" or a numeric offset, years 0001-9999, up to 9 fraction digits.
base::Result<Timestamp> ParseProtoTimestamp(std::string_view text);

// Conversions to and from wall-clock time; ToTimePoint saturates outside the time_point range.
Timestamp FromTimePoint(std::chrono::system_clock::time_point t);
std::chrono::system_clock::time_point ToTimePoint(const Timestamp& t);

}  // namespace node::poet
