#include "base/go_flags.h"

namespace base {

std::vector<std::string> GoStyleArgs(int argc, const char* const* argv,
                                     const std::function<bool(const std::string&)>& is_long_flag) {
  std::vector<std::string> args;
  bool flags_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") flags_done = true;
    if (flags_done || a.size() < 2 || a[0] != '-' || a[1] == '-') {
      args.push_back(std::move(a));
      continue;
    }
    const size_t eq = a.find('=');
    const std::string name = a.substr(1, eq == std::string::npos ? std::string::npos : eq - 1);
    if (name.size() > 1 && is_long_flag(name)) {
      args.push_back("-" + a);
    } else if (name.size() == 1 && eq != std::string::npos) {
      args.push_back("-" + name);
      args.push_back(a.substr(eq + 1));
    } else {
      args.push_back(std::move(a));
    }
  }
  return args;
}

}  // namespace base
