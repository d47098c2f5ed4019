#include "worker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <string_view>

#include "base/bytes.h"
#include "base/files.h"

namespace node::poet {
namespace {

using Clock = std::chrono::system_clock;

std::string TimeText(Clock::time_point t) { return FormatProtoTimestamp(FromTimePoint(t)); }

}  // namespace

void Worker::Run() {
  uint64_t announced = std::numeric_limits<uint64_t>::max();
  while (!state_.stop) {
    auto exec = LoadExecuting(state_);
    if (!exec.ok()) spdlog::error("poet: {}", exec.status().ToString());
    if (!exec.ok() || *exec) {
      if (!exec.ok() || !Execute(**exec)) Pause();  // failed (or stopping): try again in a second
      continue;
    }
    uint64_t next, open;
    {
      std::lock_guard lock(state_.mu);
      next = state_.next_round;
      open = std::max(next, state_.clock.OpenRoundId(Clock::now()));
    }
    if (open != announced) {
      spdlog::info("poet: round {} open for registrations until {}", open, TimeText(state_.clock.RoundStart(open)));
      announced = open;
    }
    if (!SleepUntil(state_.clock.RoundStart(next))) return;
    auto closed = CloseDueRounds(state_);
    if (!closed.ok()) {
      spdlog::error("poet: closing rounds: {}", closed.status().ToString());
      Pause();
    }
  }
}

bool Worker::Execute(const ExecutingRound& round) {
  const auto end = state_.clock.RoundEnd(round.round);
  posw::Prover prover = RestoreOrStart(round);
  const uint64_t cap =
      state_.options.max_leaves != 0 ? state_.options.max_leaves : std::numeric_limits<uint64_t>::max();
  if (Clock::now() >= end) {
    // The reference skips such a round; its members would lose their epoch, so prove instead.
    spdlog::warn(
        "poet: round {} ended at {} before its work was done (the server was down); proving its {} leaves "
        "(at least 150) now instead of skipping it",
        round.round, TimeText(end), prover.leaf_count());
  } else {
    spdlog::info("poet: round {}: work runs until {}", round.round, TimeText(end));
  }
  bool capped = false;
  for (auto next_save = Clock::now() + save_interval_;; next_save = Clock::now() + save_interval_) {
    const posw::RunEnd why = prover.RunUntil(std::min(end, next_save), cap, state_.stop);
    if (why == posw::RunEnd::kStopped) {
      SaveProgress(prover, round.round);
      return false;
    }
    capped = why == posw::RunEnd::kLeafCap;
    if (capped || Clock::now() >= end) break;
    SaveProgress(prover, round.round);
  }
  spdlog::info("poet: round {}: {} leaves{}", round.round, prover.leaf_count(),
               capped ? " (max leaves reached; the proof waits for the round end)" : "");
  if (capped) {
    SaveProgress(prover, round.round);
    if (!SleepUntil(end)) return false;
  }
  auto proof = prover.Prove();
  base::Status stored = proof.ok() ? StoreProof(state_, round, *proof) : proof.status();
  if (!stored.ok()) {
    spdlog::error("poet: round {}: {}", round.round, stored.ToString());
    SaveProgress(prover, round.round);
    return false;
  }
  std::error_code ec;
  std::filesystem::remove(progress_path(round.round), ec);
  return true;
}

posw::Prover Worker::RestoreOrStart(const ExecutingRound& round) {
  const std::filesystem::path path = progress_path(round.round);
  auto saved = base::ReadFile(path, "poet progress file");
  if (saved.ok()) {
    const auto* data = reinterpret_cast<const uint8_t*>(saved->data());
    auto prover = posw::Prover::RestoreState({data, saved->size()});
    if (prover.ok() && prover->statement() == round.statement) {
      spdlog::info("poet: round {}: resuming at {} leaves", round.round, prover->leaf_count());
      return std::move(*prover);
    }
    spdlog::warn("poet: round {}: {} is unusable ({}); starting the work over", round.round, path.string(),
                 prover.ok() ? "another statement" : prover.status().ToString());
  } else if (saved.status().code() != base::Status::Code::kNotFound) {
    spdlog::warn("poet: round {}: {}; starting the work over", round.round, saved.status().ToString());
  }
  return posw::Prover(round.statement);
}

void Worker::SaveProgress(const posw::Prover& prover, uint64_t round) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<uint8_t> state = prover.SaveState();
  const base::Status s = base::WriteFileAtomically(
      progress_path(round), std::string_view(reinterpret_cast<const char*>(state.data()), state.size()));
  if (!s.ok()) spdlog::warn("poet: round {}: saving progress: {}", round, s.ToString());
  // Saving rewrites every leaf: keep it below about 5% of the work time.
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  save_interval_ = std::max(std::chrono::milliseconds(1000), 20 * took);
}

bool Worker::SleepUntil(Clock::time_point t) {
  std::unique_lock lock(state_.mu);
  while (!state_.stop) {
    const auto now = Clock::now();
    if (now >= t) return true;
    state_.wake.wait_for(lock, std::min<Clock::duration>(t - now, std::chrono::seconds(1)));
  }
  return false;
}

}  // namespace node::poet
