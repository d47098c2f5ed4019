// The spacemesh-poet command line: --dir, --listen, --genesis-time, --epoch-duration,
// --phase-shift, --cycle-gap, --max-leaves, --pow-difficulty, as "--flag value", "--flag=value"
// or Go's "-flag value".
#pragma once

#include <string>

#include "base/status.h"
#include "node/poet/server.h"

namespace node::poet {

// What the command line asks for.
struct Command {
  bool help = false;  // print Usage() and exit 0
  ServerOptions options;
};

// The options; InvalidArgument naming the flag on an unknown flag, a missing value or a bad one.
base::Result<Command> ParseFlags(int argc, const char* const* argv);

// The help text.
std::string Usage();

}  // namespace node::poet
