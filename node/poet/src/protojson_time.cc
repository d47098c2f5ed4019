#include "node/poet/protojson_time.h"

#include <fmt/format.h>

#include <limits>

namespace node::poet {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// floor(a / b) for b > 0.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && a < 0 ? 1 : 0); }

// ".500", ".000500" or ".000000500" (nothing for 0), as protojson trims fractions.
std::string Fraction(int64_t nanos) {
  if (nanos == 0) return "";
  if (nanos % 1'000'000 == 0) return fmt::format(".{:03}", nanos / 1'000'000);
  if (nanos % 1'000 == 0) return fmt::format(".{:06}", nanos / 1'000);
  return fmt::format(".{:09}", nanos);
}

// Reads exactly `n` digits at `pos` into `out`.
bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Reads ".ddd" (1 to 9 digits) at `pos` when present, advancing pos; false on a bad fraction.
bool OptionalFraction(std::string_view s, size_t& pos, int64_t& nanos) {
  nanos = 0;
  if (pos >= s.size() || s[pos] != '.') return true;
  size_t digits = 0;
  for (++pos; pos < s.size() && IsDigit(s[pos]); ++pos, ++digits) {
    if (digits == 9) return false;
    nanos = nanos * 10 + (s[pos] - '0');
  }
  if (digits == 0) return false;
  for (size_t i = digits; i < 9; ++i) nanos *= 10;
  return true;
}

}  // namespace

std::string FormatProtoDuration(std::chrono::nanoseconds d) {
  const int64_t total = d.count();
  const bool negative = total < 0;
  // |total| as unsigned, so that INT64_MIN works too.
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(total) : static_cast<uint64_t>(total);
  return fmt::format("{}{}{}s", negative ? "-" : "", abs / kNanosPerSecond,
                     Fraction(static_cast<int64_t>(abs % kNanosPerSecond)));
}

base::Result<std::chrono::nanoseconds> ParseProtoDuration(std::string_view text) {
  auto fail = [&](const char* why) {
    return base::Status::InvalidArgument(fmt::format("invalid duration \"{}\": {}", text, why));
  };
  std::string_view s = text;
  if (s.size() < 2 || s.back() != 's') return fail("want seconds with an \"s\", e.g. \"29.500s\"");
  s.remove_suffix(1);
  const bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);
  size_t pos = 0;
  __int128 seconds = 0;
  for (; pos < s.size() && IsDigit(s[pos]); ++pos) {
    seconds = seconds * 10 + (s[pos] - '0');
    if (seconds > std::numeric_limits<int64_t>::max() / kNanosPerSecond) return fail("out of range");
  }
  if (pos == 0) return fail("no seconds");
  int64_t nanos = 0;
  if (!OptionalFraction(s, pos, nanos) || pos != s.size()) return fail("want digits, up to 9 after the '.'");
  const int64_t total = static_cast<int64_t>(seconds) * kNanosPerSecond + nanos;
  return std::chrono::nanoseconds(negative ? -total : total);
}

std::string FormatProtoTimestamp(const Timestamp& t) {
  using namespace std::chrono;
  const int64_t days = FloorDiv(t.seconds, kSecondsPerDay);
  const int64_t second_of_day = t.seconds - days * kSecondsPerDay;
  const year_month_day date{sys_days{std::chrono::days{days}}};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), second_of_day / 3600,
                     second_of_day / 60 % 60, second_of_day % 60, Fraction(t.nanos));
}

base::Result<Timestamp> ParseProtoTimestamp(std::string_view text) {
  using namespace std::chrono;
  auto fail = [&](const char* why) {
    return base::Status::InvalidArgument(fmt::format("invalid timestamp \"{}\": {}", text, why));
  };
  int y, mo, d, h, mi, se;
  const std::string_view s = text;
  if (!Digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, se)) {
    return fail("want RFC 3339, e.g. 2024-01-02T03:04:05Z");
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (y == 0 || !date.ok() || h > 23 || mi > 59 || se > 59) return fail("field out of range");
  size_t pos = 19;
  int64_t nanos = 0;
  if (!OptionalFraction(s, pos, nanos)) return fail("want 1 to 9 fraction digits");
  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else {
    int oh, om;
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-') || !Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() ||
        s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return fail("want \"Z\" or an offset such as +02:00");
    }
    offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  }
  if (pos != s.size()) return fail("trailing characters");
  const int64_t days = sys_days{date}.time_since_epoch().count();
  return Timestamp{days * kSecondsPerDay + h * 3600 + mi * 60 + se - offset, static_cast<int32_t>(nanos)};
}

Timestamp FromTimePoint(std::chrono::system_clock::time_point t) {
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  const int64_t seconds = FloorDiv(ns, kNanosPerSecond);
  return {seconds, static_cast<int32_t>(ns - seconds * kNanosPerSecond)};
}

std::chrono::system_clock::time_point ToTimePoint(const Timestamp& t) {
  using Clock = std::chrono::system_clock;
  constexpr int64_t kLimit = std::numeric_limits<int64_t>::max() / kNanosPerSecond - 1;
  if (t.seconds > kLimit) return Clock::time_point::max();
  if (t.seconds < -kLimit) return Clock::time_point::min();
  return Clock::time_point(
      std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(t.seconds * kNanosPerSecond + t.nanos)));
}

}  // namespace node::poet
