#include "node/activation/post_checker.h"

#include <openssl/rand.h>

namespace node {

base::Result<std::unique_ptr<PostChecker>> PostChecker::Create(const PostCheckParams& params) {
  auto randomx = post::RandomX::Create(post::RandomXMode::kLight);
  if (!randomx.ok()) return randomx.status().WithContext("PoST verifier");
  std::vector<std::unique_ptr<post::Verifier>> verifiers;
  for (uint32_t i = 0; i < std::max(1u, params.workers); ++i) {
    auto verifier = post::Verifier::Create(*randomx);
    if (!verifier.ok()) return verifier.status().WithContext("PoST verifier");
    verifiers.push_back(std::move(*verifier));
  }
  return std::unique_ptr<PostChecker>(new PostChecker(params, std::move(verifiers)));
}

// One check handed to a worker; the caller waits on `done`.
struct PostChecker::Job {
  const post::Proof& proof;
  const post::ProofMetadata& meta;
  const post::VerifyMode& mode;
  base::Status result;
  bool finished = false;
  std::condition_variable done;
};

PostChecker::PostChecker(PostCheckParams params, std::vector<std::unique_ptr<post::Verifier>> verifiers)
    : params_(std::move(params)), seed_(32), verifiers_(std::move(verifiers)) {
  RAND_bytes(seed_.data(), int(seed_.size()));
  for (auto& verifier : verifiers_) workers_.emplace_back([this, v = verifier.get()] { Work(v); });
}

PostChecker::~PostChecker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  queued_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void PostChecker::Work(post::Verifier* verifier) {
  std::unique_lock lock(mu_);
  while (true) {
    queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    Job* job = queue_.front();
    queue_.pop_front();
    lock.unlock();
    base::Status result = verifier->Verify(job->proof, job->meta, params_.verify, job->mode);
    lock.lock();
    job->result = std::move(result);
    job->finished = true;
    job->done.notify_one();
  }
}

base::Status PostChecker::Check(const PostProof& proof, const post::ProofMetadata& meta, bool full) {
  const post::Proof p{proof.nonce, proof.indices, proof.pow};
  const auto mode = full || params_.k3 >= params_.verify.proof.k2 ? post::VerifyMode::All()
                                                                  : post::VerifyMode::Subset(params_.k3, seed_);
  Job job{p, meta, mode, {}, false, {}};
  std::unique_lock lock(mu_);
  queue_.push_back(&job);
  queued_.notify_one();
  job.done.wait(lock, [&] { return job.finished; });
  if (!job.result.ok()) return job.result.WithContext("PoST proof of " + base::ToHex(meta.node_id));
  return job.result;
}

}  // namespace node
