// ConfigToJson: every registry key at its reference path, plus the preset.
#include "node/config/config.h"
#include "registry.h"

namespace node {

std::string ConfigToJson(const Config& config) {
  config_internal::Json out = {{"preset", config.preset}};
  for (const auto& field : config_internal::Fields()) {
    std::string pointer = "/" + field.key;
    for (char& c : pointer) {
      if (c == '.') c = '/';
    }
    out[config_internal::Json::json_pointer(pointer)] = field.get(config);
  }
  return out.dump(2);
}

}  // namespace node
