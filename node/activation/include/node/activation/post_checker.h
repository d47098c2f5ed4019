// Verifies the PoST proofs that post-services send on `workers` threads of its own, each with a
// verifier on one shared light-mode RandomX cache: a node with a thousand identities holds
// `workers` RandomX VMs and label scratch buffers (2 MiB huge pages each), not a thousand. The initial post is checked
// whole (every k2 label, as the reference's PostV2 does); a NIPoST's post on k3 labels picked with this node's own
// seed.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/status.h"
#include "node/activation/post_prover.h"
#include "post/verify.h"

namespace node {

struct PostCheckParams {
  post::VerifyParams verify;  // k1, k2, pow difficulty, scrypt N, unit range, network labels per unit
  uint32_t k3 = 0;
  uint32_t workers = 1;
};

class PostChecker {
 public:
  static base::Result<std::unique_ptr<PostChecker>> Create(const PostCheckParams& params);
  ~PostChecker();  // finishes queued checks, then joins the workers

  // kInvalidProof naming the identity and the verifier's reason. `full`: all k2 labels.
  base::Status Check(const PostProof& proof, const post::ProofMetadata& meta, bool full);

 private:
  struct Job;
  PostChecker(PostCheckParams params, std::vector<std::unique_ptr<post::Verifier>> verifiers);
  void Work(post::Verifier* verifier);

  PostCheckParams params_;
  std::vector<uint8_t> seed_;  // this node's subset seed, random per process
  std::vector<std::unique_ptr<post::Verifier>> verifiers_;
  std::mutex mu_;
  std::condition_variable queued_;
  std::deque<Job*> queue_;  // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  std::vector<std::thread> workers_;
};

}  // namespace node
