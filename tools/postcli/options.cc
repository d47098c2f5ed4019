#include "options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "base/go_flags.h"
#include "log.h"

namespace postcli {
namespace {

std::string DefaultDataDir() {
  const char* home = std::getenv("HOME");
  return (std::filesystem::path(home ? home : ".") / "post" / "data").string();
}

}  // namespace

std::optional<int> ParseOptions(int argc, char** argv, Options* o) {
  CLI::App app{"postcli: initialize, verify and prove Spacemesh PoST data"};
  o->datadir = DefaultDataDir();
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // as Go's flag
  app.add_flag("--verify", o->verify, "verify initialized data (a sample of each file)");
  app.add_option("--fraction", o->fraction, "percent of each file's labels to verify");
  app.add_flag("--yes", o->yes, "confirm potentially dangerous actions");
  app.add_option("--logLevel", o->log_level, "log level: debug, info, warn or error");
  app.add_flag("--searchForNonce", o->search_for_nonce, "search the existing data for the VRF nonce");
  app.add_flag("--printProviders", o->print_providers, "print the compute providers");
  app.add_flag("--printNumFiles", o->print_num_files, "print the number of files the layout needs");
  app.add_flag("--printConfig", o->print_config, "print the configuration");
  app.add_flag("--genproof", o->genproof, "after initializing, prove the zero challenge and verify it");
  app.add_option("--datadir", o->datadir, "data directory");
  app.add_option("--maxFileSize", o->max_file_size, "bytes per data file");
  app.add_option("--provider", o->provider, "compute provider id (4294967295 = CPU)");
  app.add_option("--labelsPerUnit", o->labels_per_unit, "labels per space unit");
  app.add_option("--scryptN", o->scrypt_n, "scrypt N");
  app.add_flag("--reset", o->reset, "delete the data and metadata, then exit");
  app.add_option("--id", o->id, "node id (hex); a new identity.key is made when empty");
  app.add_option("--commitmentAtxId", o->commitment_atx_id, "commitment ATX id (hex)");
  app.add_option("--numUnits", o->num_units, "number of space units");
  app.add_option("--fromFile", o->from_file, "first file to initialize");
  app.add_option("--toFile", o->to_file, "last file to initialize (inclusive)");
  app.add_option("--threads", o->threads, "CPU provider threads (0 = all cores); proving threads with -genproof");
  app.add_option("--lookupGap", o->lookup_gap, "OpenCL: store every n-th scratchpad entry (0 = auto)");
  app.add_option("--lanes", o->lanes, "OpenCL: labels per device batch (0 = sized from memory)");
  app.add_option("--k1", o->k1, "-genproof: k1");
  app.add_option("--k2", o->k2, "-genproof: k2");
  app.add_option("--powDifficulty", o->pow_difficulty, "-genproof: k2pow difficulty (64 hex)");
  app.add_option("--nonces", o->nonces, "-genproof: nonces per pass (multiple of 16)");
  app.add_option("--randomxMode", o->randomx_mode, "-genproof: fast or light")->check(CLI::IsMember({"fast", "light"}));
  app.add_flag("--merge", o->merge, "merge the partial-init directories given as arguments into -datadir");
  app.add_option("dirs", o->merge_dirs, "with -merge: the partial-init directories");
  try {
    auto args = base::GoStyleArgs(
        argc, argv, [&](const std::string& name) { return app.get_option_no_throw("--" + name) != nullptr; });
    std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() > 0 && option->get_name().rfind("--", 0) == 0) o->given.insert(option->get_name().substr(2));
  }
  if (app.count("--threads")) o->proof_threads = o->threads;
  LogLevel level;
  if (!ParseLogLevel(o->log_level, &level)) {
    std::fprintf(stderr, "-logLevel must be debug, info, warn or error, not '%s'\n", o->log_level.c_str());
    return 2;
  }
  SetLogLevel(level);
  if (!o->merge && !o->merge_dirs.empty()) {
    std::fprintf(stderr, "unexpected arguments (directories are only taken with -merge)\n");
    return 2;
  }
  return std::nullopt;
}

}  // namespace postcli
