// Helpers for the PoET tests: identities with real ed25519 keys, temporary directories, a short
// round schedule, and bounded waits (timing never decides a result, it only bounds a hung run).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "base/bytes.h"
#include "node/poet/server.h"

namespace node::poet::test {

using namespace std::chrono_literals;

// A node identity: the 64-byte private key (seed || public key) and its node id.
struct Identity {
  std::array<uint8_t, 64> private_key{};
  base::Hash32 node_id{};
};

// The identity whose seed is 32 bytes of `seed`.
Identity MakeIdentity(uint8_t seed);

inline base::Hash32 Filled(uint8_t value) {
  base::Hash32 hash;
  hash.fill(value);
  return hash;
}

inline bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The short schedule of the in-process tests: 2 s epochs, 1 s phase shift and cycle gap, leaves
// capped at 2000, genesis `lead` from now so that round 0 registers for lead + 1 s.
ServerOptions ShortRounds(const std::filesystem::path& dir, std::chrono::milliseconds lead);

// Calls `done` every 100 ms until it returns true or 60 s pass; the last answer.
bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = 60s);

}  // namespace node::poet::test
