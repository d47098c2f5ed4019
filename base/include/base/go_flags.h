// Go's flag syntax on top of CLI11: go-spacemesh and postcli users type "-data-folder x",
// "-data-folder=x" and "-d=x"; CLI11 wants "--data-folder" and reads "-d=x" as the value "=x".
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace base {

// argv[1..] with "-name[=v]" turned into "--name[=v]" where `is_long_flag(name)`, and "-n=v"
// split into "-n" "v". Everything after "--" and all other arguments stay as they are.
std::vector<std::string> GoStyleArgs(int argc, const char* const* argv,
                                     const std::function<bool(const std::string&)>& is_long_flag);

}  // namespace base
