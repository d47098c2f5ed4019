#include "flags.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <map>

#include "node/config/duration.h"
#include "node/types/clock.h"

namespace node::poet {
namespace {

template <typename T>
base::Status ParseUnsigned(const std::string& flag, const std::string& text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return base::Status::InvalidArgument(fmt::format("--{}: \"{}\" is not an unsigned integer", flag, text));
  }
  return base::Status::Ok();
}

base::Status ParseDurationFlag(const std::string& flag, const std::string& text, std::chrono::milliseconds& out) {
  auto d = ParseDuration(text);
  if (!d.ok()) return d.status().WithContext("--" + flag);
  out = *d;
  return base::Status::Ok();
}

}  // namespace

std::string Usage() {
  return "usage: spacemesh-poet --dir DIR --genesis-time RFC3339 [flags]\n"
         "  --dir DIR               database, key and round progress (created 0700)\n"
         "  --listen HOST:PORT      REST listener (default 127.0.0.1:10010; port 0 picks one)\n"
         "  --genesis-time TIME     the network's genesis, e.g. 2024-01-02T03:04:05Z\n"
         "  --epoch-duration D      layer duration x layers per epoch (default 60s)\n"
         "  --phase-shift D         (default 30s)\n"
         "  --cycle-gap D           (default 30s)\n"
         "  --max-leaves N          stop each round's work at N leaves (0: no cap, else >= 150)\n"
         "  --pow-difficulty N      leading zero bits of the registration PoW (default 0)\n"
         "Durations are Go's: 30s, 1m30s, 500ms, 12h.\n";
}

base::Result<Command> ParseFlags(int argc, const char* const* argv) {
  Command cmd;
  ServerOptions& o = cmd.options;
  o.epoch_duration = std::chrono::seconds(60);
  o.phase_shift = std::chrono::seconds(30);
  o.cycle_gap = std::chrono::seconds(30);
  bool has_genesis = false;
  const std::map<std::string, std::function<base::Status(const std::string&, const std::string&)>> flags = {
      {"dir",
       [&](const std::string&, const std::string& v) {
         o.dir = v;
         return base::Status::Ok();
       }},
      {"listen",
       [&](const std::string&, const std::string& v) {
         o.listen = v;
         return base::Status::Ok();
       }},
      {"genesis-time",
       [&](const std::string& f, const std::string& v) {
         auto t = ParseRfc3339(v);
         if (!t.ok()) return t.status().WithContext("--" + f);
         o.genesis = *t;
         has_genesis = true;
         return base::Status::Ok();
       }},
      {"epoch-duration",
       [&](const std::string& f, const std::string& v) { return ParseDurationFlag(f, v, o.epoch_duration); }},
      {"phase-shift",
       [&](const std::string& f, const std::string& v) { return ParseDurationFlag(f, v, o.phase_shift); }},
      {"cycle-gap", [&](const std::string& f, const std::string& v) { return ParseDurationFlag(f, v, o.cycle_gap); }},
      {"max-leaves", [&](const std::string& f, const std::string& v) { return ParseUnsigned(f, v, o.max_leaves); }},
      {"pow-difficulty",
       [&](const std::string& f, const std::string& v) { return ParseUnsigned(f, v, o.pow_difficulty); }},
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      cmd.help = true;
      return cmd;
    }
    if (arg.size() < 2 || arg[0] != '-')
      return base::Status::InvalidArgument(fmt::format("unexpected argument \"{}\"", arg));
    arg.erase(0, arg[1] == '-' ? 2 : 1);
    std::string value;
    const size_t eq = arg.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    }
    const auto it = flags.find(arg);
    if (it == flags.end()) return base::Status::InvalidArgument(fmt::format("unknown flag --{}", arg));
    if (!inline_value) {
      if (i + 1 >= argc) return base::Status::InvalidArgument(fmt::format("--{} needs a value", arg));
      value = argv[++i];
    }
    if (auto s = it->second(arg, value); !s.ok()) return s;
  }
  if (o.dir.empty()) return base::Status::InvalidArgument("--dir is required");
  if (!has_genesis) return base::Status::InvalidArgument("--genesis-time is required");
  return cmd;
}

}  // namespace node::poet
