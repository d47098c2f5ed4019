// Shared pieces of the post-service end-to-end tests: the binary, flags that make proofs over
// the tiny dataset fast, and a service process with its operator port.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "post/verify.h"
#include "spacemesh/v1/post_types.pb.h"
#include "support/child_process.h"
#include "support/http_get.h"
#include "support/poll.h"
#include "test_util.h"

namespace post_service::test {

using namespace std::chrono_literals;
using sm::test::ChildProcess;
using sm::test::HttpGet;
using sm::test::kTimeout;
using sm::test::PollUntil;

inline constexpr const char* kEasyPow = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
// About 16 light RandomX hashes per nonce group for the tiny dataset (num_units 2 halves it):
// a proof takes a few seconds instead of a fraction of one.
inline constexpr const char* kSlowPow = "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
inline constexpr uint32_t kK1 = 20;
inline constexpr uint32_t kK2 = 12;

std::string ServiceBinary();

// post-service flags for the tiny dataset in `dir`: its network parameters, light RandomX,
// 16 nonces, one thread, reconnects every second, and the given k2pow difficulty.
std::vector<std::string> TinyArgs(const std::filesystem::path& dir, const std::string& address,
                                  const std::string& pow_difficulty = kEasyPow);

// Replaces the value of `flag` in `args`, or appends the flag.
void SetFlag(std::vector<std::string>& args, const std::string& flag, const std::string& value);

// A post-service process with its log in a temporary directory.
class ServiceProcess {
 public:
  // Starts the binary with `args`; with `operator_api`, adds --operator-address 127.0.0.1:0 and
  // waits for the port it logs.
  ServiceProcess(std::vector<std::string> args, bool operator_api);
  ChildProcess& process() { return *process_; }
  uint16_t operator_port() const { return operator_port_; }

 private:
  post::test::TempDir log_dir_;
  std::unique_ptr<ChildProcess> process_;
  uint16_t operator_port_ = 0;
};

// A 32-byte challenge as the node sends it: bytes.
std::string Challenge(uint8_t seed);

// Verifies a proof from the service with post-core's Verifier (all indices) against the tiny
// dataset and the parameters TinyArgs uses; the error says why it failed.
base::Status VerifyTinyProof(const spacemesh::v1::GenProofResponse& response, const std::string& challenge,
                             const std::string& pow_difficulty = kEasyPow);

}  // namespace post_service::test
