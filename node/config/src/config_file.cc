#include "config_file.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "base/files.h"

namespace node::config_internal {
namespace {

using base::Status;

// YAML scalars stay text (the value readers accept text for every type); ~ and empty are null.
Json FromYaml(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return node.Scalar();
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const YAML::Node& item : node) out.push_back(FromYaml(item));
      return out;
    }
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& item : node) out[item.first.as<std::string>()] = FromYaml(item.second);
      return out;
    }
    default: return nullptr;
  }
}

bool LooksLikeJson(const std::filesystem::path& path, const std::string& text) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  const size_t first = text.find_first_not_of(" \t\r\n");
  return ext == ".json" || (first != std::string::npos && text[first] == '{');
}

}  // namespace

base::Result<Json> LoadConfigFile(const std::filesystem::path& path) {
  auto read = base::ReadFile(path, "config file");
  if (!read.ok()) return read.status();
  const std::string& text = *read;

  Json tree;
  if (LooksLikeJson(path, text)) {
    try {
      tree = Json::parse(text);
    } catch (const Json::parse_error& e) {
      return Status::InvalidArgument(fmt::format("{}: invalid JSON: {}", path.string(), e.what()));
    }
  } else {
    try {
      tree = FromYaml(YAML::Load(text));
    } catch (const YAML::Exception& e) {
      return Status::InvalidArgument(
          fmt::format("{}:{}:{}: invalid YAML: {}", path.string(), e.mark.line + 1, e.mark.column + 1, e.msg));
    }
  }
  if (tree.is_null()) return Json::object();
  if (!tree.is_object()) {
    return Status::InvalidArgument(fmt::format("{}: expected a mapping of sections at the top level", path.string()));
  }
  return tree;
}

}  // namespace node::config_internal
