// The command line of spacemesh-node: -c/--config, -d/--data-folder, --filelock, -p/--preset,
// the gRPC listener flags and the other reference flags, `version` and --help.
#pragma once

#include <optional>
#include <ostream>

#include "node/config/config.h"

namespace node {

struct CommandLine {
  std::optional<Config> config;  // set when the node should run
  bool print_config = false;     // --print-config: print the resolved config and exit
  int exit_code = 0;             // when config is unset: what main returns (help, version, errors)
};

// Parses argv, builds and validates the config; prints help, version and errors itself.
// Flags also take Go's single-dash form (-data-folder x, -flag=value).
CommandLine ParseCommandLine(int argc, const char* const* argv);
// The same, printing help and version to `out` and errors to `err` (one line each).
CommandLine ParseCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace node
