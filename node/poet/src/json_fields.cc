#include "json_fields.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "base/bytes.h"

namespace node::poet {
namespace {

const char* TypeName(const nlohmann::json& value) { return value.type_name(); }

// Standard base64 from std or URL-safe, padded or not (protojson accepts all four).
std::optional<std::vector<uint8_t>> AnyBase64(std::string text) {
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (text.size() % 4 == 1) return std::nullopt;
  while (text.size() % 4 != 0) text.push_back('=');
  return base::FromBase64(text);
}

}  // namespace

FieldReader::FieldReader(const nlohmann::json* object, std::string path, std::shared_ptr<base::Status> error)
    : object_(object), path_(std::move(path)), error_(std::move(error)) {
  if (object_ != nullptr && object_->is_null()) object_ = nullptr;
  if (object_ != nullptr && !object_->is_object()) {
    Fail(path_.empty() ? "body" : path_, fmt::format("want an object, got {}", TypeName(*object_)));
    object_ = nullptr;
  }
}

FieldReader FieldReader::Document(const nlohmann::json& document, std::shared_ptr<base::Status> error) {
  if (document.is_null()) {
    *error = base::Status::InvalidArgument("body: want a JSON object, got null");
    return FieldReader(nullptr, "", std::move(error));
  }
  return FieldReader(&document, "", std::move(error));
}

void FieldReader::Fail(const std::string& name, const std::string& why) {
  if (error_->ok()) *error_ = base::Status::InvalidArgument(fmt::format("field {}: {}", name, why));
}

const nlohmann::json* FieldReader::Find(const char* json_name, const char* proto_name, std::string& name) {
  name = path_.empty() ? json_name : path_ + "." + json_name;
  if (object_ == nullptr || !error_->ok()) return nullptr;
  auto it = object_->find(json_name);
  if (it == object_->end()) it = object_->find(proto_name);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<uint64_t> FieldReader::Unsigned(const nlohmann::json& value, uint64_t max, const std::string& name) {
  const std::string want = fmt::format("want an integer in [0, {}] (a number or a decimal string)", max);
  if (value.is_number_unsigned()) {
    const uint64_t v = value.get<uint64_t>();
    if (v <= max) return v;
  } else if (value.is_number_float()) {
    const double v = value.get<double>();
    // 2^64 is exact as a double; anything below it converts exactly when integral.
    if (v >= 0 && v < 18446744073709551616.0 && std::floor(v) == v && static_cast<uint64_t>(v) <= max) {
      return static_cast<uint64_t>(v);
    }
  } else if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    unsigned __int128 v = 0;
    bool digits = !s.empty();
    for (char c : s) {
      if (c < '0' || c > '9') digits = false;
      if (digits) v = v * 10 + static_cast<unsigned>(c - '0');
      if (v > max) break;
    }
    if (digits && v <= max) return static_cast<uint64_t>(v);
    Fail(name, fmt::format("{}, got \"{}\"", want, s));
    return std::nullopt;
  }
  Fail(name, fmt::format("{}, got {} {}", want, TypeName(value), value.dump()));
  return std::nullopt;
}

uint64_t FieldReader::U64(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return 0;
  return Unsigned(*value, std::numeric_limits<uint64_t>::max(), name).value_or(0);
}

uint32_t FieldReader::U32(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return 0;
  return static_cast<uint32_t>(Unsigned(*value, std::numeric_limits<uint32_t>::max(), name).value_or(0));
}

int32_t FieldReader::I32(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return 0;
  if (value->is_number_integer()) {
    const int64_t v = value->get<int64_t>();
    if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
      return static_cast<int32_t>(v);
    }
  }
  Fail(name, fmt::format("want a 32-bit integer, got {} {}", TypeName(*value), value->dump()));
  return 0;
}

std::string FieldReader::String(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return "";
  if (value->is_string()) return value->get<std::string>();
  Fail(name, fmt::format("want a string, got {}", TypeName(*value)));
  return "";
}

std::vector<uint8_t> FieldReader::Bytes(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    Fail(name, fmt::format("want base64 bytes as a string, got {}", TypeName(*value)));
    return {};
  }
  auto bytes = AnyBase64(value->get<std::string>());
  if (!bytes) Fail(name, "not valid base64");
  return bytes.value_or(std::vector<uint8_t>{});
}

std::vector<std::vector<uint8_t>> FieldReader::RepeatedBytes(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return {};
  if (!value->is_array()) {
    Fail(name, fmt::format("want an array of base64 strings, got {}", TypeName(*value)));
    return {};
  }
  std::vector<std::vector<uint8_t>> out;
  out.reserve(value->size());
  for (size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    std::optional<std::vector<uint8_t>> bytes;
    if (item.is_string()) bytes = AnyBase64(item.get<std::string>());
    if (!bytes) {
      Fail(fmt::format("{}[{}]", name, i),
           item.is_string() ? "not valid base64" : fmt::format("want a base64 string, got {}", TypeName(item)));
      return {};
    }
    out.push_back(std::move(*bytes));
  }
  return out;
}

std::chrono::nanoseconds FieldReader::Duration(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    Fail(name, fmt::format("want a duration string such as \"30s\", got {}", TypeName(*value)));
    return {};
  }
  auto d = ParseProtoDuration(value->get<std::string>());
  if (!d.ok()) Fail(name, d.status().message());
  return d.ok() ? *d : std::chrono::nanoseconds{};
}

std::optional<Timestamp> FieldReader::OptionalTimestamp(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Fail(name, fmt::format("want an RFC 3339 timestamp string, got {}", TypeName(*value)));
    return std::nullopt;
  }
  auto t = ParseProtoTimestamp(value->get<std::string>());
  if (!t.ok()) {
    Fail(name, t.status().message());
    return std::nullopt;
  }
  return *t;
}

FieldReader FieldReader::Object(const char* json_name, const char* proto_name) {
  std::string name;
  const nlohmann::json* value = Find(json_name, proto_name, name);
  return FieldReader(value, name, error_);
}

}  // namespace node::poet
