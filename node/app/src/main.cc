// spacemesh-node: the node that holds the identities and serves the post-services.
#include <cstdio>
#include <iostream>
#include <string>

#include "node/app/app.h"
#include "node/app/inspect.h"
#include "node/config/cli.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "inspect") return node::RunInspect(argc - 1, argv + 1, std::cout, std::cerr);
  node::CommandLine command_line = node::ParseCommandLine(argc, argv);
  if (!command_line.config) return command_line.exit_code;
  if (command_line.print_config) {
    std::printf("%s\n", node::ConfigToJson(*command_line.config).c_str());
    return 0;
  }
  return node::RunNode(*command_line.config);
}
