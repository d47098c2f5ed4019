// One JSON object on one line, built field by field (strings escaped, non-finite numbers null).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace sm::opencl::bench {

class JsonLine {
 public:
  JsonLine& Str(const std::string& key, const std::string& value) { return Raw(key, Quote(value)); }
  JsonLine& Num(const std::string& key, double value) {
    if (!std::isfinite(value)) return Raw(key, "null");
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.6g", value);
    return Raw(key, buf);
  }
  JsonLine& Int(const std::string& key, int64_t value) { return Raw(key, std::to_string(value)); }
  JsonLine& Bool(const std::string& key, bool value) { return Raw(key, value ? "true" : "false"); }
  JsonLine& Null(const std::string& key) { return Raw(key, "null"); }
  std::string str() const { return "{" + body_ + "}"; }

 private:
  JsonLine& Raw(const std::string& key, const std::string& value) {
    if (!body_.empty()) body_ += ',';
    body_ += Quote(key);
    body_ += ':';
    body_ += value;
    return *this;
  }
  static std::string Quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  }
  std::string body_;
};

}  // namespace sm::opencl::bench
