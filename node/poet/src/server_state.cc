#include "server_state.h"

#include <fmt/format.h>
#include <openssl/rand.h>
#include <spdlog/spdlog.h>

#include "base/bytes.h"
#include "post/identity.h"

namespace node::poet {
namespace {

// The stored key, or a new one stored before use.
using PrivateKey = std::array<uint8_t, 64>;  // seed || public key, as Go stores it

base::Result<PrivateKey> LoadOrCreateKey(PoetDb& db) {
  auto stored = db.Get(kKeyRecord);
  if (!stored.ok()) return stored.status();
  if (*stored) {
    PrivateKey key{};
    if ((*stored)->size() != key.size())
      return base::Status::Corruption("poet database: the service key is not 64 bytes");
    std::copy((*stored)->begin(), (*stored)->end(), key.begin());
    return key;
  }
  auto identity = post::GenerateIdentity();
  if (!identity.ok()) return identity.status();
  const PrivateKey key = identity->private_key;
  rocksdb::WriteBatch batch;
  batch.Put(kKeyRecord, rocksdb::Slice(reinterpret_cast<const char*>(key.data()), key.size()));
  if (auto s = db.Write(batch, "the service key"); !s.ok()) return s;
  spdlog::info("poet: generated a new service key");
  return key;
}

// The stored PoW challenges, or a random current one stored before use (reference: random at
// first, then each proof's root).
base::Status LoadOrCreatePow(ServerState& state) {
  auto stored = state.db->Get(kPowRecord);
  if (!stored.ok()) return stored.status();
  state.pow_current.difficulty = state.options.pow_difficulty;
  if (*stored) {
    const std::string& v = **stored;
    if (v.size() != 32 && v.size() != 64) return base::Status::Corruption("poet database: bad PoW record");
    state.pow_current.challenge.assign(v.begin(), v.begin() + 32);
    if (v.size() == 64)
      state.pow_previous = PowParamsBody{state.options.pow_difficulty, Bytes(v.begin() + 32, v.end())};
    return base::Status::Ok();
  }
  state.pow_current.challenge.resize(32);
  if (RAND_bytes(state.pow_current.challenge.data(), 32) != 1) return base::Status::IoError("poet: no random bytes");
  rocksdb::WriteBatch batch;
  batch.Put(kPowRecord, std::string(state.pow_current.challenge.begin(), state.pow_current.challenge.end()));
  return state.db->Write(batch, "the PoW challenge");
}

base::Status ValidateOptions(const ServerOptions& o) {
  if (o.dir.empty()) return base::Status::InvalidArgument("poet: no directory given");
  if (o.epoch_duration <= std::chrono::milliseconds::zero()) {
    return base::Status::InvalidArgument("poet: the epoch duration must be positive");
  }
  if (o.phase_shift < std::chrono::milliseconds::zero()) {
    return base::Status::InvalidArgument("poet: the phase shift must not be negative");
  }
  if (o.cycle_gap < std::chrono::milliseconds::zero() || o.cycle_gap >= o.epoch_duration) {
    return base::Status::InvalidArgument(fmt::format("poet: the cycle gap ({} ms) must be in [0, epoch duration {} ms)",
                                                     o.cycle_gap.count(), o.epoch_duration.count()));
  }
  if (o.max_leaves != 0 && o.max_leaves < 150) {
    return base::Status::InvalidArgument(
        fmt::format("poet: max leaves {} is below the 150 a proof needs (0: no cap)", o.max_leaves));
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::unique_ptr<ServerState>> OpenServerState(const ServerOptions& options) {
  if (auto s = ValidateOptions(options); !s.ok()) return s;
  auto db = PoetDb::Open(options.dir);
  if (!db.ok()) return db.status();
  auto state = std::make_unique<ServerState>(options, std::move(*db));
  auto key = LoadOrCreateKey(*state->db);
  if (!key.ok()) return key.status();
  state->pubkey.assign(key->begin() + 32, key->end());
  if (auto s = LoadOrCreatePow(*state); !s.ok()) return s;
  auto next = state->db->Get(kNextRecord);
  if (!next.ok()) return next.status();
  if (*next) {
    if ((*next)->size() != 8) return base::Status::Corruption("poet database: bad next-round record");
    state->next_round = ReadBe64(**next);
  }
  return state;
}

}  // namespace node::poet
