// spacemesh-node as the end-to-end tests run it: data folders with identity key files, the node
// with every listener on 127.0.0.1:0 (the ports it got are read back from <data>/api.json), and
// runs that are expected to end by themselves (bad configurations, --print-config).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "post/identity.h"
#include "support/child_process.h"
#include "support/poll.h"

namespace node::test {

using sm::test::kTimeout;

std::string NodeBinary();

// Flags that put the public, private and post listeners, /metrics and the standalone PoET on
// 127.0.0.1:0, so that tests never collide with each other or with a node on the preset's ports.
std::vector<std::string> LoopbackListeners();

// Writes <data>/identities/<name> for a fresh identity (hex, mode 0600, as postcli writes it).
post::Identity AddIdentity(const std::filesystem::path& data, const std::string& name);

// The node's exit code and everything it printed, for runs that end by themselves.
struct Exit {
  int code = -1;
  std::string output;
};
// Runs `spacemesh-node args...` to its end (killed after kTimeout).
Exit RunToExit(const std::vector<std::string>& args);

class NodeProcess {
 public:
  // Starts the node on `data` with LoopbackListeners() and then `flags`, and waits until it has
  // written api.json (a stale one is removed first). Fails the test, with the node's output, if
  // the node exits instead.
  explicit NodeProcess(std::filesystem::path data, const std::vector<std::string>& flags = {});
  // Stops the node if the test has not; a clean stop (exit 0) is checked here too.
  ~NodeProcess();
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  // SIGTERM; the node must exit with 0.
  void Stop();
  // SIGKILL, as a crash or power loss would end it.
  void Kill();

  // host:port of "public", "private", "post", "tls" or "metrics", as api.json names it.
  std::string Address(const std::string& listener) const;
  // A plain-text channel to a gRPC listener.
  std::shared_ptr<grpc::Channel> Channel(const std::string& listener) const;
  // GET /metrics.
  std::string Metrics() const;
  // What the node has printed so far.
  std::string Output() const;

 private:
  std::optional<int> Terminate();

  std::filesystem::path data_;
  std::unique_ptr<sm::test::ChildProcess> process_;
  std::optional<int> exit_code_;
  std::map<std::string, std::string> addresses_;  // api.json: listener -> host:port
};

// The value of spacemesh_post_connected for the identity `node_id` in a /metrics text; nullopt
// when the identity is not listed.
std::optional<int> ConnectedMetric(const std::string& metrics, const base::Hash32& node_id);

}  // namespace node::test
