// Typed reads of protojson fields with the reference's leniency (proto or JSON field names,
// integers as numbers or strings, null as absent, any base64 flavour) and errors that name the
// field path. The first error sticks; later reads return defaults.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "node/poet/protojson_time.h"

namespace node::poet {

class FieldReader {
 public:
  // Reads the members of `object` (nullptr: every field absent); `path` prefixes field names.
  FieldReader(const nlohmann::json* object, std::string path, std::shared_ptr<base::Status> error);
  // A reader over a whole document; InvalidArgument (in status()) unless it is a JSON object.
  static FieldReader Document(const nlohmann::json& document, std::shared_ptr<base::Status> error);

  // Each takes the JSON name and the proto name of a field; absent or null gives the default.
  uint64_t U64(const char* json_name, const char* proto_name);
  uint32_t U32(const char* json_name, const char* proto_name);
  int32_t I32(const char* json_name, const char* proto_name);
  std::string String(const char* json_name, const char* proto_name);
  std::vector<uint8_t> Bytes(const char* json_name, const char* proto_name);
  std::vector<std::vector<uint8_t>> RepeatedBytes(const char* json_name, const char* proto_name);
  std::chrono::nanoseconds Duration(const char* json_name, const char* proto_name);
  std::optional<Timestamp> OptionalTimestamp(const char* json_name, const char* proto_name);
  // A nested message; absent or null reads as an empty message.
  FieldReader Object(const char* json_name, const char* proto_name);

  const base::Status& status() const { return *error_; }

 private:
  // The field's value, or nullptr when absent, null, or after an error.
  const nlohmann::json* Find(const char* json_name, const char* proto_name, std::string& name);
  void Fail(const std::string& name, const std::string& why);
  std::optional<uint64_t> Unsigned(const nlohmann::json& value, uint64_t max, const std::string& name);

  const nlohmann::json* object_;
  std::string path_;
  std::shared_ptr<base::Status> error_;
};

}  // namespace node::poet
