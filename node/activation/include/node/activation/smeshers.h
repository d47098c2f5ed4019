// The identities this node smeshes for and what each one is doing: its PoST state as
// PostInfoService reports it (node.md §2), whether a post-service is connected for it, and its
// last proof. Also the node-wide smeshing switches: coinbase, started, connections allowed.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "node/store/identities.h"

namespace node {

enum class PostState { kIdle, kProving };

struct SmesherStatus {
  std::string name;  // key file name, e.g. "diskA_post1.key"
  base::Hash32 node_id{};
  PostState state = PostState::kIdle;
  bool connected = false;
  std::optional<std::chrono::milliseconds> last_proof_duration;
  uint64_t proofs = 0;  // proofs received since start
  // The activation cycle (since start): ATXs published, the newest one's epoch, the phase the
  // identity is in, and how much of the publish window was left when its last proof arrived.
  uint64_t atxs = 0;
  std::optional<uint32_t> last_atx_epoch;
  std::string phase = "idle";
  std::optional<std::chrono::milliseconds> proof_margin;
};

class Smeshers {
 public:
  // Every identity starts IDLE and disconnected.
  explicit Smeshers(const std::vector<NamedIdentity>& identities, bool supervised);

  bool supervised() const { return supervised_; }
  bool Contains(const base::Hash32& node_id) const;
  std::optional<std::string> Name(const base::Hash32& node_id) const;
  // In key-file name order.
  std::vector<SmesherStatus> Snapshot() const;
  std::vector<base::Hash32> Ids() const;

  void SetState(const base::Hash32& node_id, PostState state);
  void SetConnected(const base::Hash32& node_id, bool connected);
  void RecordProof(const base::Hash32& node_id, std::chrono::milliseconds duration);
  void SetPhase(const base::Hash32& node_id, std::string phase);
  void RecordProofMargin(const base::Hash32& node_id, std::chrono::milliseconds margin);
  void RecordAtx(const base::Hash32& node_id, uint32_t publish_epoch);

  // Node-wide switches (node.md §3): the coinbase ATXs pay to, whether ATX building runs, and
  // whether post-services may register (only with a coinbase from the config or
  // StartSmeshing; SetCoinbase alone does not allow them, as in the reference).
  std::string coinbase() const;
  void set_coinbase(std::string coinbase);
  bool started() const;
  void set_started(bool started);
  bool connections_allowed() const;
  void set_connections_allowed(bool allowed);

 private:
  const bool supervised_;
  mutable std::shared_mutex mu_;
  std::map<base::Hash32, SmesherStatus> by_id_;  // guarded by mu_
  std::string coinbase_;                         // guarded by mu_
  bool started_ = false;                         // guarded by mu_
  bool connections_allowed_ = false;             // guarded by mu_
};

}  // namespace node
