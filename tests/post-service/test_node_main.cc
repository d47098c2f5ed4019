// post-test-node: the test node as a program, for benchmarks and manual checks until the real
// node exists. Waits for one post-service to register, asks it to prove --challenge with the
// node's polling loop, prints the answer as JSON and exits (0 with a proof, 1 otherwise).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "base/bytes.h"
#include "test_node.h"

int main(int argc, char** argv) {
  CLI::App app{"post-test-node: one proof request to one post-service"};
  int port = 0, poll_ms = 2000, timeout_s = 600;
  std::string challenge_hex(64, '0');
  app.add_option("--port", port, "loopback port to listen on (0: any, printed on stdout)");
  app.add_option("--challenge", challenge_hex, "32-byte challenge (hex)");
  app.add_option("--poll-ms", poll_ms, "milliseconds between proof requests while proving");
  app.add_option("--timeout-s", timeout_s, "give up after this many seconds");
  CLI11_PARSE(app, argc, argv);
  auto challenge = base::Hash32FromHex(challenge_hex);
  if (!challenge) {
    std::fprintf(stderr, "--challenge must be 64 hex characters\n");
    return 2;
  }
  auto node = post_service::test::TestNode::Start({port, std::chrono::milliseconds(poll_ms), std::nullopt});
  if (!node) return 1;
  std::printf("{\"listening\":%d}\n", node->port());
  std::fflush(stdout);
  const auto timeout = std::chrono::seconds(timeout_s);
  if (!node->WaitForRegistration(1, timeout)) {
    std::fprintf(stderr, "no post-service registered within %d s\n", timeout_s);
    return 1;
  }
  auto answer = node->Proof(std::string(challenge->begin(), challenge->end()), timeout);
  if (!answer || !answer->has_proof()) {
    std::fprintf(stderr, "no proof within %d s\n", timeout_s);
    return 1;
  }
  std::printf("{\"nonce\":%u,\"pow\":%llu,\"indices\":\"%s\"}\n", answer->proof().nonce(),
              static_cast<unsigned long long>(answer->proof().pow()),
              base::ToBase64({reinterpret_cast<const uint8_t*>(answer->proof().indices().data()),
                              answer->proof().indices().size()})
                  .c_str());
  return 0;
}
