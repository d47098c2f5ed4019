// A post-service stand-in for the node's Register tests: it connects, answers the metadata
// request with its identity, and answers proof requests by a script (how many polls say
// "still proving", then a proof, an error or a wrong challenge).
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "base/bytes.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace node::test {

struct Script {
  base::Hash32 node_id{};
  int busy_polls = 2;               // OK without a proof this many times first
  bool fail = false;                // then GEN_PROOF_STATUS_ERROR instead of a proof
  bool wrong_challenge = false;     // echo a different challenge with the proof
  bool hang_up_after_busy = false;  // close the stream instead of answering after the busy polls
  // The metadata: node_id_bytes replaces node_id when set (to send another length).
  std::optional<std::string> node_id_bytes = std::nullopt;
  std::string commitment = std::string(32, '\x07');
  uint32_t num_units = 4;
  uint64_t labels_per_unit = 1024;
};

class ScriptedService {
 public:
  ScriptedService(int port, Script script);
  ~ScriptedService();  // cancels the call and joins

  // The status the node ended the stream with; nullopt while it is open.
  std::optional<grpc::Status> WaitForEnd(std::chrono::milliseconds timeout);
  bool saw_metadata_request() const { return saw_metadata_request_; }
  int proof_requests() const { return proof_requests_; }

 private:
  void Run();

  Script script_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<spacemesh::v1::PostService::Stub> stub_;
  grpc::ClientContext context_;
  std::atomic<bool> saw_metadata_request_{false};
  std::atomic<int> proof_requests_{0};
  std::atomic<bool> ended_{false};
  grpc::Status status_;  // written before ended_ is set
  std::thread thread_;
};

}  // namespace node::test
