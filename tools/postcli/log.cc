#include "log.h"

#include <cstdarg>
#include <cstdio>
#include <utility>

namespace postcli {
namespace {
LogLevel g_level = LogLevel::kInfo;
}  // namespace

bool ParseLogLevel(const std::string& name, LogLevel* level) {
  static constexpr std::pair<const char*, LogLevel> kNames[] = {
      {"debug", LogLevel::kDebug}, {"info", LogLevel::kInfo}, {"warn", LogLevel::kWarn}, {"error", LogLevel::kError}};
  for (const auto& [text, value] : kNames) {
    if (name == text) {
      *level = value;
      return true;
    }
  }
  return false;
}

void SetLogLevel(LogLevel level) { g_level = level; }
bool LogEnabled(LogLevel level) { return level >= g_level; }

void Log(LogLevel level, const char* format, ...) {
  if (!LogEnabled(level)) return;
  va_list args;
  va_start(args, format);
  std::vfprintf(stderr, format, args);
  va_end(args);
  std::fputc('\n', stderr);
}

}  // namespace postcli
