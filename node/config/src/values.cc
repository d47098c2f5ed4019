#include "values.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "node/config/duration.h"

namespace node::config_internal {
namespace {

using base::Status;

Status Expected(const std::string& what, const Json& v) {
  return Status::InvalidArgument(fmt::format("expected {}, got {}", what, Describe(v)));
}

std::filesystem::path EnvDir(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

std::string Describe(const Json& v) { return v.is_string() ? fmt::format("\"{}\"", v.get<std::string>()) : v.dump(); }

Status ToBool(const Json& v, bool* out) {
  if (v.is_boolean()) {
    *out = v.get<bool>();
    return Status::Ok();
  }
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    for (const char* word : {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}) {
      if (s == word) {
        *out = s[0] == '1' || s[0] == 't' || s[0] == 'T';
        return Status::Ok();
      }
    }
  }
  return Expected("true or false", v);
}

Status ToUint(const Json& v, uint64_t max, uint64_t* out) {
  uint64_t value = 0;
  if (v.is_number_unsigned()) {
    value = v.get<uint64_t>();
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec == std::errc::invalid_argument || end != s.data() + s.size()) {
      return Expected("an unsigned integer", v);
    }
    if (ec == std::errc::result_out_of_range) {
      return Status::InvalidArgument(fmt::format("{} is out of range (at most {})", Describe(v), max));
    }
  } else {
    return Expected("an unsigned integer", v);
  }
  if (value > max) {
    return Status::InvalidArgument(fmt::format("{} is out of range (at most {})", Describe(v), max));
  }
  *out = value;
  return Status::Ok();
}

Status ToText(const Json& v, std::string* out) {
  if (!v.is_string()) return Expected("a string", v);
  *out = v.get<std::string>();
  return Status::Ok();
}

Status ToPath(const Json& v, std::filesystem::path* out) {
  std::string text;
  Status s = ToText(v, &text);
  if (!s.ok()) return s;
  if (text == "~") {
    *out = HomeDir();
  } else if (text.starts_with("~/")) {
    *out = HomeDir() / text.substr(2);
  } else {
    *out = text;
  }
  return Status::Ok();
}

Status ToDuration(const Json& v, Duration* out) {
  Duration d{};
  if (v.is_number_unsigned()) {  // nanoseconds, as mapstructure decodes a number into time.Duration
    const uint64_t ns = v.get<uint64_t>();
    if (ns % 1'000'000 != 0) return Expected("a duration in whole milliseconds", v);
    d = Duration{static_cast<int64_t>(ns / 1'000'000)};
  } else if (v.is_string()) {
    auto parsed = ParseDuration(v.get_ref<const std::string&>());
    if (!parsed.ok()) return parsed.status();
    d = *parsed;
  } else {
    return Expected("a duration such as \"1m30s\"", v);
  }
  if (d.count() < 0) return Expected("a duration that is not negative", v);
  *out = d;
  return Status::Ok();
}

Status ToHash32(const Json& v, base::Hash32* out) {
  auto hash = v.is_string() ? base::Hash32FromHex(v.get_ref<const std::string&>()) : std::nullopt;
  if (!hash) return Expected("64 hex characters (32 bytes)", v);
  *out = *hash;
  return Status::Ok();
}

std::filesystem::path HomeDir() { return EnvDir("HOME", "."); }
std::filesystem::path TempDir() { return EnvDir("TMPDIR", "/tmp"); }

}  // namespace node::config_internal
