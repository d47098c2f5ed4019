#include "node/types/clock.h"

#include <ctime>
#include <regex>

#include <fmt/format.h>

namespace node {

LayerClock::LayerClock(TimePoint genesis, std::chrono::milliseconds layer_duration, uint32_t layers_per_epoch)
    : genesis_(genesis), layer_duration_(layer_duration), layers_per_epoch_(layers_per_epoch) {}

uint32_t LayerClock::CurrentLayer() const {
  const auto now = std::chrono::system_clock::now();
  if (now < genesis_) return 0;
  return static_cast<uint32_t>((now - genesis_) / layer_duration_);
}

base::Result<LayerClock::TimePoint> ParseRfc3339(const std::string& text) {
  static const std::regex kFormat(
      R"((\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2})))");
  std::smatch m;
  if (!std::regex_match(text, m, kFormat)) {
    return base::Status::InvalidArgument(
        fmt::format("invalid time \"{}\" (want RFC 3339, e.g. 2023-07-14T08:00:00Z)", text));
  }
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
    return base::Status::InvalidArgument(fmt::format("invalid time \"{}\": field out of range", text));
  }
  int64_t seconds = timegm(&tm);
  if (m[9].matched) {
    const int64_t offset = std::stoi(m[10]) * 3600 + std::stoi(m[11]) * 60;
    seconds += m[9] == "+" ? -offset : offset;
  }
  auto t = std::chrono::system_clock::from_time_t(seconds);
  if (m[7].matched) {
    std::string digits = m[7].str().substr(1, 9);
    digits.resize(9, '0');
    t += std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(std::stoll(digits)));
  }
  return t;
}

std::string FormatRfc3339(LayerClock::TimePoint t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[32];
  std::strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

}  // namespace node
