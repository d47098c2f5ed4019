// The node's persistent state in RocksDB under <data>/state: what the activation cycle needs to
// survive a crash. Every write is synced to the WAL before it returns, and writes that belong
// together go in one batch, so a kill -9 never leaves a partial record. Safe to use from many
// threads; a damaged record reads as kCorruption naming its key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"

namespace node {

// The identity's first proof (challenge = 32 zero bytes), as local.sql's `post` table.
struct InitialPost {
  uint32_t nonce = 0;
  std::string indices;  // packed, LSB first
  uint64_t pow = 0;
  uint32_t num_units = 0;
  uint64_t labels_per_unit = 0;
  base::Hash32 commitment_atx{};
  uint64_t vrf_nonce = 0;
  base::Hash32 challenge{};

  bool operator==(const InitialPost&) const = default;
};

// The NIPoST challenge an identity works on for one publish epoch.
struct NipostChallenge {
  uint32_t publish_epoch = 0;
  uint64_t sequence = 0;
  base::Hash32 prev_atx{};
  base::Hash32 positioning_atx{};
  std::optional<base::Hash32> commitment_atx;  // first ATX only
  bool initial_post = false;                   // first ATX embeds the initial post

  bool operator==(const NipostChallenge&) const = default;
};

struct PoetRegistration {
  std::string address;  // the PoET's URL
  base::Hash32 challenge_hash{};
  std::string round_id;
  int64_t round_end_unix_ms = 0;

  bool operator==(const PoetRegistration&) const = default;
};

// A NIPoST in the making: first the chosen PoET proof and our membership in it, then the PoST
// of that proof's ref and what the service reported with it (has_post).
struct Nipost {
  base::Hash32 poet_proof_ref{};  // blake3 of the PoET proof: the challenge the post-service proves
  std::string poet_url;           // where the proof came from, and its round
  std::string poet_round;
  uint64_t poet_leaves = 0;       // ticks = leaves / tick size
  uint64_t membership_index = 0;  // our challenge's position among the round's members
  std::vector<base::Hash32> membership_nodes;
  bool has_post = false;
  uint32_t nonce = 0;
  std::string indices;
  uint64_t pow = 0;
  uint32_t num_units = 0;
  uint64_t labels_per_unit = 0;
  uint64_t vrf_nonce = 0;

  bool operator==(const Nipost&) const = default;
};

struct Atx {
  base::Hash32 id{};
  base::Hash32 node_id{};
  uint32_t publish_epoch = 0;
  uint64_t sequence = 0;
  base::Hash32 prev_atx{};
  base::Hash32 positioning_atx{};
  base::Hash32 commitment_atx{};
  uint32_t num_units = 0;
  uint64_t vrf_nonce = 0;
  uint64_t base_tick_height = 0;
  uint64_t tick_count = 0;
  std::string coinbase;  // bech32
  int64_t received_unix_ms = 0;
  std::string blob;      // the signed SCALE ActivationTxV1 exactly as gossiped

  bool operator==(const Atx&) const = default;
};

class StateStore {
 public:
  // Opens (creating if needed) the database in `dir`. Errors name the directory.
  static base::Result<std::unique_ptr<StateStore>> Open(const std::filesystem::path& dir);
  // A read-only view of an existing database, also while a node has it open (it sees every
  // write synced before this call); writes fail. kNotFound when there is no database.
  static base::Result<std::unique_ptr<StateStore>> OpenReadOnly(const std::filesystem::path& dir);
  ~StateStore();

  base::Status PutInitialPost(const base::Hash32& node_id, const InitialPost& post);
  base::Result<std::optional<InitialPost>> GetInitialPost(const base::Hash32& node_id) const;
  base::Status DeleteInitialPost(const base::Hash32& node_id);

  base::Status PutChallenge(const base::Hash32& node_id, const NipostChallenge& challenge);
  base::Result<std::optional<NipostChallenge>> GetChallenge(const base::Hash32& node_id) const;

  base::Status PutPoetRegistration(const base::Hash32& node_id, const PoetRegistration& registration);
  base::Result<std::vector<PoetRegistration>> GetPoetRegistrations(const base::Hash32& node_id) const;

  base::Status PutNipost(const base::Hash32& node_id, const Nipost& nipost);
  base::Result<std::optional<Nipost>> GetNipost(const base::Hash32& node_id) const;

  // Drops the challenge, PoET registrations and NIPoST of an identity in one batch (after an
  // ATX is published, or when the challenge expired).
  base::Status ResetCycle(const base::Hash32& node_id);

  // Stores the ATX and resets the owner's cycle in one batch. An identity has at most one ATX
  // per publish epoch: storing another one for the same epoch is kAlreadyExists (equivocation
  // guard); storing the same one again only resets the cycle.
  base::Status PublishAtx(const Atx& atx);
  base::Result<std::optional<Atx>> GetAtx(const base::Hash32& id) const;
  // The owner's ATX with the highest publish epoch, if any.
  base::Result<std::optional<Atx>> LatestAtx(const base::Hash32& node_id) const;
  // Reference rule of ActivationService.Highest: the highest base_tick_height + tick_count among
  // ATXs of the last two publish epochs present, ties to the newer epoch.
  base::Result<std::optional<Atx>> HighestAtx() const;
  // Every ATX in id order; `fn` may stop the scan by returning an error.
  base::Status ForEachAtx(const std::function<base::Status(const Atx&)>& fn) const;

  // PoET proofs by ref (blake3 of SCALE(PoetProof)): the SCALE PoetProofMessage that peers fetch.
  base::Status PutPoetProof(const base::Hash32& ref, const std::string& message);
  base::Result<std::optional<std::string>> GetPoetProof(const base::Hash32& ref) const;
  base::Status ForEachPoetProof(const std::function<base::Status(const base::Hash32&, const std::string&)>& fn) const;

 private:
  class Impl;
  explicit StateStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace node
