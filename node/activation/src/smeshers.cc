#include "node/activation/smeshers.h"

#include <algorithm>
#include <mutex>

namespace node {

Smeshers::Smeshers(const std::vector<NamedIdentity>& identities, bool supervised) : supervised_(supervised) {
  for (const auto& identity : identities) {
    SmesherStatus status;
    status.name = identity.name;
    status.node_id = identity.node_id();
    by_id_.emplace(status.node_id, std::move(status));
  }
}

bool Smeshers::Contains(const base::Hash32& node_id) const {
  std::shared_lock lock(mu_);
  return by_id_.contains(node_id);
}

std::optional<std::string> Smeshers::Name(const base::Hash32& node_id) const {
  std::shared_lock lock(mu_);
  auto it = by_id_.find(node_id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second.name;
}

std::vector<SmesherStatus> Smeshers::Snapshot() const {
  std::vector<SmesherStatus> out;
  {
    std::shared_lock lock(mu_);
    out.reserve(by_id_.size());
    for (const auto& [id, status] : by_id_) out.push_back(status);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::vector<base::Hash32> Smeshers::Ids() const {
  std::vector<base::Hash32> out;
  for (const auto& status : Snapshot()) out.push_back(status.node_id);
  return out;
}

void Smeshers::SetState(const base::Hash32& node_id, PostState state) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(node_id); it != by_id_.end()) it->second.state = state;
}

void Smeshers::SetConnected(const base::Hash32& node_id, bool connected) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(node_id); it != by_id_.end()) it->second.connected = connected;
}

void Smeshers::RecordProof(const base::Hash32& node_id, std::chrono::milliseconds duration) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(node_id); it != by_id_.end()) {
    it->second.last_proof_duration = duration;
    ++it->second.proofs;
  }
}

void Smeshers::SetPhase(const base::Hash32& node_id, std::string phase) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(node_id); it != by_id_.end()) it->second.phase = std::move(phase);
}

void Smeshers::RecordProofMargin(const base::Hash32& node_id, std::chrono::milliseconds margin) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(node_id); it != by_id_.end()) it->second.proof_margin = margin;
}

void Smeshers::RecordAtx(const base::Hash32& node_id, uint32_t publish_epoch) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(node_id); it != by_id_.end()) {
    ++it->second.atxs;
    it->second.last_atx_epoch = publish_epoch;
  }
}

std::string Smeshers::coinbase() const {
  std::shared_lock lock(mu_);
  return coinbase_;
}

void Smeshers::set_coinbase(std::string coinbase) {
  std::unique_lock lock(mu_);
  coinbase_ = std::move(coinbase);
}

bool Smeshers::started() const {
  std::shared_lock lock(mu_);
  return started_;
}

void Smeshers::set_started(bool started) {
  std::unique_lock lock(mu_);
  started_ = started;
}

bool Smeshers::connections_allowed() const {
  std::shared_lock lock(mu_);
  return connections_allowed_;
}

void Smeshers::set_connections_allowed(bool allowed) {
  std::unique_lock lock(mu_);
  connections_allowed_ = allowed;
}

}  // namespace node
