// BuildConfig: preset, then the file's tree, then the flags, all through the key registry.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "config_file.h"
#include "node/config/config.h"
#include "registry.h"

namespace node {
namespace {

using base::Status;
using config_internal::FindField;
using config_internal::IsIgnoredKey;
using config_internal::IsIgnoredSection;
using config_internal::IsSection;
using config_internal::Json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The key in front of a setter's message; "main.poet-servers" + "[0].pubkey: ..." read as one path.
Status AtKey(const std::string& key, const Status& s) {
  return s.message().starts_with("[") ? Status::InvalidArgument(key + s.message()) : s.WithContext(key);
}

void NoteIgnored(Config& c, std::string key) {
  if (std::find(c.ignored_keys.begin(), c.ignored_keys.end(), key) == c.ignored_keys.end()) {
    c.ignored_keys.push_back(std::move(key));
  }
}

// Applies one mapping of the file; `prefix` is its key path ("" for the top level). Keys match
// in any case, as the reference's mapstructure does.
Status ApplyTree(const Json& tree, const std::string& prefix, Config& c) {
  for (const auto& [name, value] : tree.items()) {
    const std::string key = prefix.empty() ? Lower(name) : prefix + "." + Lower(name);
    if (key == "preset") continue;  // chose the preset already
    if (const auto* field = FindField(key)) {
      Status s = field->set(c, value);
      if (!s.ok()) return AtKey(key, s);
    } else if (IsSection(key)) {
      if (value.is_null()) continue;  // "section:" with nothing under it
      if (!value.is_object()) return Status::InvalidArgument(key + ": expected a section, got " + value.dump());
      Status s = ApplyTree(value, key, c);
      if (!s.ok()) return s;
    } else if (IsIgnoredSection(key) && value.is_object() && !value.empty()) {
      for (const auto& [child, unused] : value.items()) NoteIgnored(c, key + "." + Lower(child));
    } else if (IsIgnoredKey(key) || IsIgnoredSection(key) || IsIgnoredSection(prefix)) {
      NoteIgnored(c, key);
    } else {
      return Status::InvalidArgument(key + ": unknown key");
    }
  }
  return Status::Ok();
}

Status ApplyFlag(const std::string& key, const std::string& text, Config& c) {
  const auto* field = FindField(key);
  if (field == nullptr) {
    const size_t dot = key.find('.');
    if (IsIgnoredKey(key) || (dot != std::string::npos && IsIgnoredSection(key.substr(0, dot)))) {
      NoteIgnored(c, key);
      return Status::Ok();
    }
    return Status::InvalidArgument(key + ": unknown key");
  }
  Status s = field->set(c, Json(text));
  return s.ok() ? s : AtKey(config_internal::FlagName(*field), s);
}

// --preset, else the file's "preset" (any case), else standalone.
base::Result<std::string> PresetName(const ConfigSources& sources, const Json& tree, const std::string& file) {
  if (sources.preset) return *sources.preset;
  for (const auto& [name, value] : tree.items()) {
    if (Lower(name) != "preset") continue;
    if (!value.is_string()) return Status::InvalidArgument(file + ": preset: expected a string, got " + value.dump());
    return value.get<std::string>();
  }
  return std::string("standalone");
}

}  // namespace

base::Result<Config> BuildConfig(const ConfigSources& sources) {
  Json tree = Json::object();
  const std::string file = sources.file ? sources.file->string() : "";
  if (sources.file) {
    auto loaded = config_internal::LoadConfigFile(*sources.file);
    if (!loaded.ok()) return loaded.status();
    tree = std::move(*loaded);
  }
  auto name = PresetName(sources, tree, file);
  if (!name.ok()) return name.status();
  auto config = Preset(*name);
  if (!config.ok()) return config.status();

  Status s = ApplyTree(tree, "", *config);
  if (!s.ok()) return s.WithContext(file);
  for (const auto& [key, text] : sources.flags) {
    s = ApplyFlag(key, text, *config);
    if (!s.ok()) return s;
  }
  return config;
}

}  // namespace node
