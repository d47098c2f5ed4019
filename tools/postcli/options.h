// postcli's command line: the reference postcli flags (Go style: -flag value, -flag=value, and
// --flag also accepted) plus the proving and merge flags this implementation adds.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/network.h"

namespace postcli {

// Above this many units the reference postcli asks for confirmation.
inline constexpr uint32_t kConfirmAboveUnits = 1048576;

struct Options {
  // Actions, in the order the reference runs them.
  bool print_providers = false, print_num_files = false, print_config = false;
  bool verify = false, search_for_nonce = false, reset = false, genproof = false, merge = false;
  bool yes = false;
  double fraction = 0.2;  // percent of each file's labels that -verify recomputes
  std::string log_level = "info";
  // Layout and identity.
  std::string datadir;
  uint64_t max_file_size = 4ULL << 30;
  std::optional<uint32_t> provider;
  uint64_t labels_per_unit = base::mainnet::kLabelsPerUnit;
  uint32_t scrypt_n = base::mainnet::kScryptN;
  std::string id, commitment_atx_id;
  std::optional<uint64_t> num_units;
  uint64_t from_file = 0;
  std::optional<uint64_t> to_file;
  uint32_t threads = 0;                // CPU provider threads; 1 for -genproof unless given
  uint32_t lookup_gap = 0, lanes = 0;  // OpenCL providers; 0 = chosen from the device
  // -genproof parameters (mainnet defaults).
  uint32_t k1 = base::mainnet::kK1, k2 = base::mainnet::kK2, nonces = 16;
  std::optional<uint32_t> proof_threads;
  std::string pow_difficulty = base::ToHex(base::mainnet::kPowDifficulty);
  std::string randomx_mode = "fast";
  std::vector<std::string> merge_dirs;  // positional, with -merge
  std::set<std::string> given;          // names of the flags on the command line, without dashes
};

// Parses argv; on --help or an error prints and returns the exit code to use.
std::optional<int> ParseOptions(int argc, char** argv, Options* options);

}  // namespace postcli
