// The key registry: every configuration key this node reads, with its reference key path
// (node.md §9), its command-line flag and how it reads and writes a Config. Files, flags and
// ConfigToJson all go through this one table.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "values.h"

namespace node::config_internal {

struct Field {
  std::string key;   // lower case path, "smeshing.smeshing-opts.smeshing-opts-numunits"
  std::string flag;  // CLI11 names ("-d,--data-folder"), empty when the key has no flag
  std::string help;
  bool bool_flag = false;  // the flag alone means true; --flag=false works
  std::function<base::Status(Config&, const Json&)> set;
  std::function<Json(const Config&)> get;
};

std::span<const Field> Fields();
const Field* FindField(std::string_view key);  // key in lower case
// The flag as users type it ("--data-folder"), for messages.
std::string FlagName(const Field& field);

// A path that holds fields ("main", "smeshing.smeshing-opts").
bool IsSection(std::string_view key);
// A reference key this node accepts and does not use ("main.txs-per-proposal", "genesis.accounts").
bool IsIgnoredKey(std::string_view key);
// A reference section whose unknown keys are ignored rather than errors ("p2p", "logging").
bool IsIgnoredSection(std::string_view key);

}  // namespace node::config_internal
