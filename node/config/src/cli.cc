// spacemesh-node's command line (CLI11): the registry's flags plus -c, -p, --print-config,
// --listen (accepted, ignored: no p2p yet), --version and `version`.
#include "node/config/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "base/go_flags.h"
#include "registry.h"

namespace node {
namespace {

constexpr char kName[] = "spacemesh-node";

CommandLine Exit(int code) { return CommandLine{std::nullopt, false, code}; }

CommandLine Fail(std::ostream& err, const std::string& message) {
  err << kName << ": " << message << "\n";
  return Exit(2);
}

}  // namespace

CommandLine ParseCommandLine(int argc, const char* const* argv) {
  return ParseCommandLine(argc, argv, std::cout, std::cerr);
}

CommandLine ParseCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app(
      "spacemesh-node: a Spacemesh node for smeshers with remote post-services. "
      "Without a network it runs a standalone one on this machine.",
      kName);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // as Go's flag
  std::string file, preset;
  bool print_config = false, show_version = false;
  auto* file_opt = app.add_option("-c,--config", file, "config file: YAML, or JSON with go-spacemesh's keys");
  auto* preset_opt = app.add_option("-p,--preset", preset, "standalone (default) or mainnet; wins over the file's");
  app.add_flag("--print-config", print_config, "print the resolved config as JSON and exit");
  app.add_flag("--version", show_version, "print the version and exit");
  auto* version_cmd = app.add_subcommand("version", "print the version and exit");

  std::vector<std::pair<std::string, CLI::Option*>> keyed;
  for (const auto& field : config_internal::Fields()) {
    if (field.flag.empty()) continue;
    auto* opt = field.bool_flag ? app.add_flag(field.flag) : app.add_option(field.flag)->type_name("VALUE");
    keyed.emplace_back(field.key, opt->description(field.help));
  }
  keyed.emplace_back("p2p.listen",
                     app.add_option("--listen")
                         ->type_name("ADDRESS")
                         ->description("p2p listen address (accepted and ignored: this node has no p2p yet)"));
  app.footer(
      "Flags also take Go's single-dash form (-data-folder x, -d=x, -smeshing-start=false); "
      "the file's keys are go-spacemesh's (config.json), keys of parts this node lacks are ignored.");

  auto args = base::GoStyleArgs(
      argc, argv, [&](const std::string& name) { return app.get_option_no_throw("--" + name) != nullptr; });
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return Exit(0);
  } catch (const CLI::ParseError& e) {
    return Fail(err, e.what());
  }
  if (show_version || version_cmd->parsed()) {
    out << kName << " " << SM_PROJECT_VERSION << "\n";
    return Exit(0);
  }

  ConfigSources sources;
  if (file_opt->count()) sources.file = file;
  if (preset_opt->count()) sources.preset = preset;
  for (const auto& [key, opt] : keyed) {
    if (opt->count()) sources.flags.emplace_back(key, opt->results().back());
  }
  auto config = BuildConfig(sources);
  if (!config.ok()) return Fail(err, config.status().message());
  base::Status valid = ValidateConfig(*config);
  if (!valid.ok()) return Fail(err, valid.message());
  return CommandLine{std::move(*config), print_config, 0};
}

}  // namespace node
