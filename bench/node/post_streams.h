// Many post-services as one process can play them: one PostService.Register stream per identity,
// each on a channel (TCP connection) of its own, driven by the gRPC callback API. Each stream
// answers the node's metadata request with its identity and any proof request with "OK, still
// proving" (no proof), as an idle post-service would.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "base/bytes.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace bench {

class PostStreams {
 public:
  // Opens one stream to `address` (host:port) per id.
  PostStreams(const std::string& address, const std::vector<base::Hash32>& node_ids);
  // Cancel()s and waits for every stream to end.
  ~PostStreams();

  // Streams that ended before Cancel (refused, failed to connect, ended by the node), by
  // "<status code> <message>".
  std::map<std::string, int> Ended() const;
  // Cancels every stream and waits until all have ended.
  void Cancel();

 private:
  class Stream;
  void StreamDone(const grpc::Status& status);

  std::vector<std::unique_ptr<Stream>> streams_;
  mutable std::mutex mu_;
  std::condition_variable all_done_;
  size_t done_ = 0;                   // guarded by mu_
  bool cancelling_ = false;           // guarded by mu_
  std::map<std::string, int> ended_;  // guarded by mu_
};

// A channel of its own: distinct channel arguments keep gRPC from sharing one subchannel (one TCP
// connection) between channels to the same address, as separate processes would not share one.
std::shared_ptr<grpc::Channel> SeparateChannel(const std::string& address, int index);

}  // namespace bench
