// Go's time.ParseDuration and Duration.String, restricted to whole milliseconds.
#include "node/config/duration.h"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

namespace node {
namespace {

constexpr int64_t kNanosPerMilli = 1'000'000;

// Nanoseconds per unit, or 0 for an unknown unit. Go accepts both micro signs.
int64_t UnitNanos(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") return 1'000;
  if (unit == "ms") return kNanosPerMilli;
  if (unit == "s") return 1'000 * kNanosPerMilli;
  if (unit == "m") return 60'000 * kNanosPerMilli;
  if (unit == "h") return 3'600'000 * kNanosPerMilli;
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

base::Result<Duration> ParseDuration(std::string_view text) {
  auto fail = [&](const std::string& why) {
    return base::Status::InvalidArgument(fmt::format("invalid duration \"{}\": {}", text, why));
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return Duration{0};
  if (s.empty()) return fail("empty");

  constexpr __int128 kMax = std::numeric_limits<int64_t>::max();
  __int128 total = 0;  // nanoseconds
  while (!s.empty()) {
    __int128 whole = 0, frac = 0, scale = 1;
    size_t i = 0;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      whole = whole * 10 + (s[i] - '0');
      if (whole > kMax) return fail("overflow");
    }
    const size_t whole_digits = i;
    size_t frac_digits = 0;
    if (i < s.size() && s[i] == '.') {
      for (++i; i < s.size() && IsDigit(s[i]); ++i, ++frac_digits) {
        if (scale < kMax) {  // digits beyond nanosecond precision only truncate, as in Go
          frac = frac * 10 + (s[i] - '0');
          scale *= 10;
        }
      }
    }
    if (whole_digits == 0 && frac_digits == 0) return fail("expected a number");
    size_t u = i;
    while (u < s.size() && !IsDigit(s[u]) && s[u] != '.') ++u;
    if (u == i) return fail("missing unit (ns, us, ms, s, m or h)");
    const int64_t unit = UnitNanos(s.substr(i, u - i));
    if (unit == 0) return fail(fmt::format("unknown unit \"{}\"", s.substr(i, u - i)));
    total += whole * unit + frac * unit / scale;
    if (total > kMax) return fail("overflow");
    s.remove_prefix(u);
  }
  if (total % kNanosPerMilli != 0) return fail("finer than a millisecond");
  const auto millis = static_cast<int64_t>(total / kNanosPerMilli);
  return Duration{negative ? -millis : millis};
}

std::string FormatDuration(Duration d) {
  int64_t ms = d.count();
  if (ms == 0) return "0s";
  std::string sign = ms < 0 ? "-" : "";
  const uint64_t abs = ms < 0 ? 0 - static_cast<uint64_t>(ms) : static_cast<uint64_t>(ms);
  if (abs < 1000) return fmt::format("{}{}ms", sign, abs);

  std::string seconds = fmt::format("{}", abs / 1000 % 60);
  if (abs % 1000 != 0) {
    std::string frac = fmt::format("{:03}", abs % 1000);
    frac.erase(frac.find_last_not_of('0') + 1);
    seconds += "." + frac;
  }
  const uint64_t minutes = abs / 60'000 % 60, hours = abs / 3'600'000;
  if (hours > 0) return fmt::format("{}{}h{}m{}s", sign, hours, minutes, seconds);
  if (minutes > 0) return fmt::format("{}{}m{}s", sign, minutes, seconds);
  return fmt::format("{}{}s", sign, seconds);
}

}  // namespace node
