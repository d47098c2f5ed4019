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

PostChecker::PostChecker(PostCheckParams params, std::vector<std::unique_ptr<post::Verifier>> verifiers)
    : params_(std::move(params)), seed_(32), idle_(std::move(verifiers)) {
  RAND_bytes(seed_.data(), int(seed_.size()));
}

base::Status PostChecker::Check(const PostProof& proof, const post::ProofMetadata& meta, bool full) {
  std::unique_ptr<post::Verifier> verifier;
  {
    std::unique_lock lock(mu_);
    available_.wait(lock, [&] { return !idle_.empty(); });
    verifier = std::move(idle_.back());
    idle_.pop_back();
  }
  const post::Proof p{proof.nonce, proof.indices, proof.pow};
  const auto mode = full || params_.k3 >= params_.verify.proof.k2 ? post::VerifyMode::All()
                                                                  : post::VerifyMode::Subset(params_.k3, seed_);
  base::Status status = verifier->Verify(p, meta, params_.verify, mode);
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(verifier));
  }
  available_.notify_one();
  if (!status.ok()) return status.WithContext("PoST proof of " + base::ToHex(meta.node_id));
  return status;
}

}  // namespace node
