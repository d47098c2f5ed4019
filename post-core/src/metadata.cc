#include "post/metadata.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "base/files.h"

namespace post {
namespace {

using nlohmann::json;

// One JSON object being validated; every error names the context and the key.
class Fields {
 public:
  Fields(const json& obj, std::string_view context) : obj_(obj), context_(context) {}

  base::Status Error(std::string_view key, const std::string& what) const {
    return base::Status::Corruption(context_ + ": key \"" + std::string(key) + "\": " + what);
  }

  // The value of a key that may be absent or null (Go omits, Rust writes null).
  const json* Optional(std::string_view key) const {
    auto it = obj_.find(key);
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  base::Result<uint64_t> Unsigned(std::string_view key, const json& v) const {
    if (!v.is_number_unsigned()) return Error(key, std::string("expected an unsigned integer, got ") + v.type_name());
    return v.get<uint64_t>();
  }

  base::Result<uint64_t> RequiredUnsigned(std::string_view key) const {
    if (const json* v = Optional(key)) return Unsigned(key, *v);
    return Error(key, "missing or null");
  }

  base::Result<std::optional<uint64_t>> OptionalUnsigned(std::string_view key) const {
    const json* v = Optional(key);
    if (!v) return std::optional<uint64_t>();
    auto n = Unsigned(key, *v);
    if (!n.ok()) return n.status();
    return std::optional<uint64_t>(*n);
  }

  base::Result<base::Hash32> Id(std::string_view key) const {
    const json* v = Optional(key);
    if (!v) return Error(key, "missing or null");
    if (!v->is_string()) return Error(key, std::string("expected a base64 string, got ") + v->type_name());
    const auto& text = v->get_ref<const std::string&>();
    auto bytes = base::FromBase64(text);
    if (!bytes) return Error(key, "invalid base64 \"" + text.substr(0, 64) + "\"");
    if (bytes->size() != 32) return Error(key, "expected 32 bytes, got " + std::to_string(bytes->size()));
    base::Hash32 id;
    std::copy(bytes->begin(), bytes->end(), id.begin());
    return id;
  }

  // Go's hex NonceValue; an empty string is Go's empty slice, i.e. unknown.
  base::Result<std::optional<Label>> NonceValue(std::string_view key) const {
    const json* v = Optional(key);
    if (!v) return std::optional<Label>();
    if (!v->is_string()) return Error(key, std::string("expected a hex string, got ") + v->type_name());
    const auto& text = v->get_ref<const std::string&>();
    if (text.empty()) return std::optional<Label>();
    auto bytes = base::FromHex(text);
    if (!bytes) return Error(key, "invalid hex \"" + text.substr(0, 64) + "\"");
    if (bytes->size() != 16) return Error(key, "expected 16 bytes, got " + std::to_string(bytes->size()));
    Label label;
    std::copy(bytes->begin(), bytes->end(), label.begin());
    return std::optional<Label>(label);
  }

 private:
  const json& obj_;
  std::string context_;
};

#define POST_ASSIGN(lhs, expr)        \
  do {                                \
    auto r_ = (expr);                 \
    if (!r_.ok()) return r_.status(); \
    lhs = std::move(*r_);             \
  } while (0)

}  // namespace

uint64_t PostMetadata::total_labels() const { return labels_per_unit * num_units; }

uint64_t PostMetadata::labels_per_file() const { return max_file_size / 16; }

uint64_t PostMetadata::num_files() const {
  if (max_file_size == 0) return 0;
  return total_bytes() / max_file_size + (total_bytes() % max_file_size != 0);
}

uint64_t PostMetadata::labels_in_file(uint64_t file) const {
  if (file >= num_files()) return 0;
  return std::min(labels_per_file(), total_labels() - file * labels_per_file());
}

uint64_t PostMetadata::total_bytes() const { return total_labels() * 16; }

base::Result<PostMetadata> ParseMetadata(std::string_view text, std::string_view context) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return base::Status::Corruption(std::string(context) + ": invalid JSON: " + e.what());
  }
  if (!doc.is_object()) {
    return base::Status::Corruption(std::string(context) + ": expected a JSON object, got " + doc.type_name());
  }
  Fields f(doc, context);
  PostMetadata m;
  POST_ASSIGN(m.node_id, f.Id("NodeId"));
  POST_ASSIGN(m.commitment_atx_id, f.Id("CommitmentAtxId"));
  POST_ASSIGN(m.labels_per_unit, f.RequiredUnsigned("LabelsPerUnit"));
  uint64_t units;
  POST_ASSIGN(units, f.RequiredUnsigned("NumUnits"));
  POST_ASSIGN(m.max_file_size, f.RequiredUnsigned("MaxFileSize"));
  POST_ASSIGN(m.nonce, f.OptionalUnsigned("Nonce"));
  POST_ASSIGN(m.nonce_value, f.NonceValue("NonceValue"));
  POST_ASSIGN(m.last_position, f.OptionalUnsigned("LastPosition"));

  if (m.labels_per_unit == 0) return f.Error("LabelsPerUnit", "must be > 0");
  if (units == 0) return f.Error("NumUnits", "must be > 0");
  if (units > std::numeric_limits<uint32_t>::max()) {
    return f.Error("NumUnits", "does not fit in 32 bits: " + std::to_string(units));
  }
  m.num_units = static_cast<uint32_t>(units);
  if (m.max_file_size < 16 || m.max_file_size % 16 != 0) {
    return f.Error("MaxFileSize", "must be a multiple of 16 and >= 16, got " + std::to_string(m.max_file_size));
  }
  if (m.labels_per_unit > std::numeric_limits<uint64_t>::max() / 16 / m.num_units) {
    return f.Error("LabelsPerUnit", "LabelsPerUnit * NumUnits * 16 bytes overflows 64 bits (" +
                                        std::to_string(m.labels_per_unit) + " * " + std::to_string(units) + ")");
  }
  return m;
}

base::Result<PostMetadata> LoadMetadata(const std::filesystem::path& dir) {
  const auto path = dir / kMetadataFileName;
  auto text = base::ReadFile(path, "metadata");
  if (!text.ok()) return text.status();
  return ParseMetadata(*text, path.string());
}

std::string SerializeMetadata(const PostMetadata& m) {
  auto optional = [](const std::optional<uint64_t>& v) { return v ? nlohmann::ordered_json(*v) : nullptr; };
  nlohmann::ordered_json j;
  j["NodeId"] = base::ToBase64(m.node_id);
  j["CommitmentAtxId"] = base::ToBase64(m.commitment_atx_id);
  j["LabelsPerUnit"] = m.labels_per_unit;
  j["NumUnits"] = m.num_units;
  j["MaxFileSize"] = m.max_file_size;
  j["Nonce"] = optional(m.nonce);
  j["LastPosition"] = optional(m.last_position);
  if (m.nonce_value) j["NonceValue"] = base::ToHex(*m.nonce_value);
  return j.dump(2);
}

base::Status SaveMetadata(const std::filesystem::path& dir, const PostMetadata& meta) {
  return base::WriteFileAtomically(dir / kMetadataFileName, SerializeMetadata(meta), 0644);
}

base::Status CheckCompatible(const PostMetadata& existing, const PostMetadata& wanted) {
  auto mismatch = [](const char* field, const std::string& have, const std::string& want) {
    return base::Status::InvalidArgument(std::string(field) + " mismatch: existing data has " + have + ", wanted " +
                                         want);
  };
  if (existing.node_id != wanted.node_id) {
    return mismatch("NodeId", base::ToHex(existing.node_id), base::ToHex(wanted.node_id));
  }
  if (existing.commitment_atx_id != wanted.commitment_atx_id) {
    return mismatch("CommitmentAtxId", base::ToHex(existing.commitment_atx_id), base::ToHex(wanted.commitment_atx_id));
  }
  if (existing.labels_per_unit != wanted.labels_per_unit) {
    return mismatch("LabelsPerUnit", std::to_string(existing.labels_per_unit), std::to_string(wanted.labels_per_unit));
  }
  if (existing.max_file_size != wanted.max_file_size) {
    return mismatch("MaxFileSize", std::to_string(existing.max_file_size), std::to_string(wanted.max_file_size));
  }
  if (wanted.num_units > existing.num_units) {
    return base::Status::InvalidArgument("NumUnits cannot grow on resume: existing data has " +
                                         std::to_string(existing.num_units) + ", wanted " +
                                         std::to_string(wanted.num_units));
  }
  return base::Status::Ok();
}

}  // namespace post
