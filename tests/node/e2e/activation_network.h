// A standalone network on short epochs for the activation tests: a node (10 one-second layers
// per epoch, a 6 s phase shift, a 5 s cycle gap, its PoET capped at 2000 leaves) and
// post-services on tiny PoS data, with the node's events and PostStates recorded as they happen.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"
#include "node/wire/atx.h"
#include "node_process.h"
#include "spacemesh/v1/admin_types.pb.h"
#include "test_util.h"

namespace node::test {

// One line of `spacemesh-node inspect ... atxs`, decoded.
struct InspectedAtx {
  base::Hash32 id{};
  base::Hash32 smesher{};
  uint32_t publish_epoch = 0;
  uint64_t sequence = 0;
  wire::ActivationTxV1 atx;
};
std::vector<InspectedAtx> InspectAtxs(const std::filesystem::path& data);
// `inspect ... poet-proofs` as ref -> SCALE PoetProofMessage bytes.
std::map<base::Hash32, std::vector<uint8_t>> InspectPoetProofs(const std::filesystem::path& data);

// Collects AdminService.EventsStream from the node's private listener until destroyed.
class EventRecorder {
 public:
  explicit EventRecorder(const std::shared_ptr<grpc::Channel>& channel);
  ~EventRecorder();
  std::vector<spacemesh::v1::Event> Events() const;

 private:
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<spacemesh::v1::Event>> reader_;
  mutable std::mutex mu_;
  std::vector<spacemesh::v1::Event> events_;  // guarded by mu_
  std::thread thread_;
};

// Polls PostInfoService.PostStates and keeps each identity's sequence of distinct states.
class StateRecorder {
 public:
  explicit StateRecorder(const std::shared_ptr<grpc::Channel>& channel);
  ~StateRecorder();
  std::vector<int> States(const base::Hash32& id) const;  // spacemesh.v1.PostState.State values

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::map<base::Hash32, std::vector<int>> states_;  // guarded by mu_
  std::thread thread_;
};

class ActivationNetwork {
 public:
  // `pow_difficulty` for both the node's checks and the services (kSlowPow makes a proof take
  // seconds, so a test can act while one is running).
  explicit ActivationNetwork(std::string pow_difficulty = post_service::test::kEasyPow);

  const std::filesystem::path& data() const { return data_; }
  // Adds <data>/identities/<name> and PoS data of `units` units for it (initialized once the
  // node runs, because its commitment is the network's golden ATX).
  base::Hash32 AddIdentity(const std::string& name, uint32_t units);

  // Starts (or restarts) the node; the post listener keeps one port across restarts.
  NodeProcess& StartNode(const std::vector<std::string>& extra_flags = {});
  NodeProcess& node() { return *node_; }
  void KillNode();  // SIGKILL
  void StopNode();  // SIGTERM, exit 0 required

  // Starts the post-service of an identity added before (its data is initialized on first use).
  void StartService(const base::Hash32& id);
  void StopService(const base::Hash32& id);
  post_service::test::ServiceProcess& service(const base::Hash32& id) { return *services_.at(id); }

  // The identity's ATXs in `inspect`, by sequence.
  std::vector<InspectedAtx> AtxsOf(const base::Hash32& id) const;
  // Waits until every identity in `ids` has at least `count` ATXs; false on timeout.
  bool WaitForAtxs(const std::vector<base::Hash32>& ids, size_t count, std::chrono::milliseconds timeout);
  // The node's current phase of `id` as /metrics reports it.
  std::string Phase(const base::Hash32& id) const;
  base::Hash32 GoldenAtx() const;
  wire::Hash20 GenesisId() const;

 private:
  post::test::TempDir dir_;
  std::filesystem::path data_, config_;
  std::string pow_difficulty_;
  std::string post_listener_;
  std::map<base::Hash32, std::pair<std::string, uint32_t>> identities_;  // name, units
  std::set<base::Hash32> initialized_;
  std::unique_ptr<NodeProcess> node_;
  std::map<base::Hash32, std::unique_ptr<post_service::test::ServiceProcess>> services_;
};

}  // namespace node::test
