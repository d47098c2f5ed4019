// The one server-wide state object: options, clock, database, key and PoW parameters, shared by
// the HTTP handlers and the worker thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

#include "node/poet/rest.h"
#include "node/poet/round_clock.h"
#include "node/poet/server.h"
#include "poet_db.h"

namespace node::poet {

struct ServerState {
  ServerState(const ServerOptions& o, std::unique_ptr<PoetDb> d)
      : options(o), clock(o.genesis, o.epoch_duration, o.phase_shift, o.cycle_gap), db(std::move(d)) {}

  const ServerOptions options;
  const RoundClock clock;
  const std::unique_ptr<PoetDb> db;
  Bytes pubkey;  // the service key's public half, set once at open

  // Guards what follows, and orders registrations against the closing of their round.
  std::mutex mu;
  PowParamsBody pow_current;
  std::optional<PowParamsBody> pow_previous;
  uint64_t next_round = 0;  // the lowest round not closed yet: registrations go to this one or later

  std::atomic<bool> stop{false};
  std::condition_variable wake;  // notified (with mu) when stop is set
};

// Opens the database under options.dir and loads (or creates and stores) the service key, the
// PoW challenges and the next round to close.
base::Result<std::unique_ptr<ServerState>> OpenServerState(const ServerOptions& options);

}  // namespace node::poet
