// Our PoET server (reference/activation.md §1.2, §4): rounds opened and closed on the PoET clock,
// registrations checked (public key, signature, deadline, PoW when configured; the same challenge
// again is fine, another one is "conflicting registration"), members ordered as the reference
// orders them (ascending submitter public key), the sequential work of each round run on one
// thread until the round's end (and at least 150 leaves, at most max_leaves), and the proof kept.
// Rounds, members and proofs are in a RocksDB database under `dir`, written before a registration
// is answered; the running round's progress is saved beside it about once a second. A restart
// keeps rounds, members, that progress and every proof. Serves the
// reference's REST API (/v1/info, /v1/pow_params, /v1/submit, /v1/proofs/{round}) over HTTP.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"

namespace node::poet {

struct ServerOptions {
  std::filesystem::path dir;               // its database and key (<node data>/poet in standalone)
  std::string listen = "127.0.0.1:10010";  // host:port; port 0 picks one
  std::chrono::system_clock::time_point genesis{};
  std::chrono::milliseconds epoch_duration{};  // layer duration x layers per epoch
  std::chrono::milliseconds phase_shift{};
  std::chrono::milliseconds cycle_gap{};
  uint64_t max_leaves = 0;      // 0: no cap; else at least 150
  uint32_t pow_difficulty = 0;  // leading zero bits of the registration PoW; 0 accepts nonce 0
};

class Server {
 public:
  // Opens the database (creating the server key on first start), binds, and starts serving and
  // working. Errors name the directory or the address.
  static base::Result<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();  // stops serving and working; the running round resumes on the next Start

  // The bound port (for listen ":0") and the base URL, e.g. "http://127.0.0.1:10010".
  uint16_t port() const;
  std::string url() const;

 private:
  class Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace node::poet
