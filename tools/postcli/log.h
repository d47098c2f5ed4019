// postcli's messages on stderr, filtered by -logLevel (debug, info, warn, error). Errors are
// always printed; the progress line counts as info.
#pragma once

#include <string>

namespace postcli {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// False for any name but the four above.
bool ParseLogLevel(const std::string& name, LogLevel* level);
void SetLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);
// printf-style; a newline is appended.
void Log(LogLevel level, const char* format, ...) __attribute__((format(printf, 2, 3)));

}  // namespace postcli
