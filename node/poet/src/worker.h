// The server's one worker thread: it closes each round at its start and runs the round's
// sequential work until its end (and at least 150 leaves, at most max_leaves), saving the prover
// state every second or so to <dir>/round-<n>.posw so that a restart resumes instead of starting
// over. The proof is published at the round end, never earlier, even when the cap stops the work.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "node/posw/prover.h"
#include "rounds.h"
#include "server_state.h"

namespace node::poet {

class Worker {
 public:
  explicit Worker(ServerState& state) : state_(state) {}

  // Loops until state.stop is set; the running round's progress is saved on the way out.
  void Run();

 private:
  // Works on `round` until its proof is stored (true) or the server stops or fails (false).
  bool Execute(const ExecutingRound& round);
  // The saved prover of `round`, or a new one when there is none (or it is of another statement).
  posw::Prover RestoreOrStart(const ExecutingRound& round);
  void SaveProgress(const posw::Prover& prover, uint64_t round);
  // Sleeps until `t`; false when the server stops first.
  bool SleepUntil(std::chrono::system_clock::time_point t);
  // A second's pause after a failure, so that a broken disk does not spin the thread.
  void Pause() { SleepUntil(std::chrono::system_clock::now() + std::chrono::seconds(1)); }
  std::filesystem::path progress_path(uint64_t round) const {
    return state_.options.dir / ("round-" + std::to_string(round) + ".posw");
  }

  ServerState& state_;
  std::chrono::milliseconds save_interval_{1000};  // grows when saving gets slow, see SaveProgress
};

}  // namespace node::poet
