// A node's client of a PoET server's REST API (reference/activation.md §4.1-§4.5): it registers
// challenge hashes for identities and downloads round proofs, which it validates (the PoSW
// against the membership root it recomputes from the members) before anyone uses them. Speaks
// to the reference PoET as well as to ours. Thread-safe; one client per configured server.
#pragma once

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"
#include "node/wire/poet_proof.h"
#include "node/wire/signing.h"

namespace node::poet {

using WallTime = std::chrono::system_clock::time_point;

struct ClientOptions {
  std::chrono::milliseconds phase_shift{};  // must equal the server's (Info), else kFailedPrecondition
  std::chrono::milliseconds request_timeout{5000};
  std::chrono::milliseconds retry_delay{1000};  // between retries of a failed request
  uint32_t retry_max = 3;                       // retries of transport errors, 5xx and 429
};

struct Registration {
  std::string round_id;
  WallTime round_end{};  // now + the server's "time left until the round ends"
};

// A validated round proof, shared by every identity of the round.
struct RoundProof {
  wire::PoetProofMessage message;      // statement = membership root over `members`
  base::Hash32 ref{};                  // blake3(SCALE(message.proof)): the PoST challenge
  std::vector<base::Hash32> members;   // in the server's order
  std::vector<uint8_t> message_bytes;  // SCALE(message), what the node stores and serves by ref
};

class Client {
 public:
  // `url` as configured, e.g. "http://127.0.0.1:10010" ("http://" is added when missing).
  Client(std::string url, ClientOptions options);

  // The address registrations are kept under (the reference's Address(): the normalised URL).
  const std::string& address() const { return address_; }

  // Registers `challenge` for the identity holding `private_key`: signature over
  // genesis_id || 0x04 || challenge, the PoW when the server asks for one, and the deadline
  // (zero: none). Checks the server's phase shift first. Errors name the URL; a 4xx answer is
  // kInvalidArgument / kFailedPrecondition / kAlreadyExists with the server's message.
  base::Result<Registration> Submit(const wire::Hash20& genesis_id, std::span<const uint8_t, 64> private_key,
                                    const base::Hash32& challenge, WallTime deadline,
                                    const std::atomic<bool>* stop = nullptr);

  using ProofResult = base::Result<std::shared_ptr<const RoundProof>>;

  // The proof of `round_id`: kNotFound while the round is not done; kInvalidProof (naming URL and
  // round) when it does not validate; kCorruption when the body is not a proof. Downloaded and
  // validated once per round, then served from memory; callers asking while a download is under
  // way share its answer, so a thousand identities of one round cost one download and one
  // validation. `downloaded` is set when this call did the download (for the ProofDownloaded event).
  ProofResult Proof(const std::string& round_id, bool* downloaded = nullptr);

 private:
  ProofResult Download(const std::string& round_id) const;

  std::string address_;
  ClientOptions options_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const RoundProof>> proofs_;     // guarded by mu_
  std::map<std::string, std::shared_future<ProofResult>> downloading_;  // guarded by mu_
};

}  // namespace node::poet
