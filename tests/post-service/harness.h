// Shared pieces of the post-service end-to-end tests: the binary, flags that make proofs over
// the tiny dataset fast, a service process with its operator port, HTTP GET, and polling.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"
#include "post/verify.h"
#include "spacemesh/v1/post_types.pb.h"
#include "test_util.h"

namespace post_service::test {

using namespace std::chrono_literals;

// Generous: timing never decides a result, it only bounds a hung test.
inline constexpr std::chrono::milliseconds kTimeout = 120s;

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

// Body of GET http://127.0.0.1:port/path when the answer is 200; nullopt otherwise.
std::optional<std::string> HttpGet(uint16_t port, const std::string& path);

// Calls `done` until it returns true or `timeout` passes.
bool PollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = kTimeout);

// A 32-byte challenge as the node sends it: bytes.
std::string Challenge(uint8_t seed);

// Verifies a proof from the service with post-core's Verifier (all indices) against the tiny
// dataset and the parameters TinyArgs uses; the error says why it failed.
post::Status VerifyTinyProof(const spacemesh::v1::GenProofResponse& response, const std::string& challenge,
                             const std::string& pow_difficulty = kEasyPow);

}  // namespace post_service::test
