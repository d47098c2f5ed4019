#include "proving_streams.h"

#include <atomic>
#include <chrono>
#include <cstdio>

#include "post_streams.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace bench {

namespace pb = spacemesh::v1;

namespace {

std::string Bytes(const base::Hash32& hash) { return std::string(hash.begin(), hash.end()); }

void FillMetadata(const post::PostMetadata& meta, pb::Metadata* out) {
  out->set_node_id(Bytes(meta.node_id));
  out->set_commitment_atx_id(Bytes(meta.commitment_atx_id));
  if (meta.nonce) out->set_nonce(*meta.nonce);
  out->set_num_units(meta.num_units);
  out->set_labels_per_unit(meta.labels_per_unit);
}

}  // namespace

base::Status MakeInitialPosts(std::vector<ProvingIdentity>& identities, const post::ProofParams& params,
                              const post::ProvingOptions& options, uint32_t threads, const post::RandomX& randomx) {
  std::atomic<size_t> next{0};
  std::mutex mu;
  base::Status failed;
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < std::max(1u, threads); ++t) {
    workers.emplace_back([&] {
      for (size_t i; (i = next++) < identities.size();) {
        auto proof = post::GenerateProof(identities[i].dir, base::Hash32{}, params, options, randomx);
        std::lock_guard lock(mu);
        if (proof.ok()) identities[i].initial_post = std::move(*proof);
        if (!proof.ok() && failed.ok()) failed = proof.status();
      }
    });
  }
  for (auto& w : workers) w.join();
  return failed;
}

class ProvingStreams::Stream final : public grpc::ClientBidiReactor<pb::ServiceResponse, pb::NodeRequest> {
 public:
  Stream(ProvingStreams* owner, const std::string& address, int index, const ProvingIdentity& identity)
      : owner_(owner), identity_(identity), stub_(pb::PostService::NewStub(SeparateChannel(address, index))) {
    FillMetadata(identity.meta, &meta_);
    if (identity.initial_post) {
      state_ = State::kDone;
      challenge_.assign(32, '\0');
      proof_ = *identity.initial_post;
    }
    stub_->async()->Register(&context_, this);
    StartRead(&request_);
    StartCall();
  }

  void Cancel() { context_.TryCancel(); }

  // The node sends one request and waits for its answer, so reads and writes alternate.
  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream ended; OnDone follows
    response_.Clear();
    if (request_.has_metadata()) {
      *response_.mutable_metadata()->mutable_meta() = meta_;
    } else {
      Answer(request_.gen_proof().challenge(), response_.mutable_gen_proof());
    }
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (ok) StartRead(&request_);
  }

  void OnDone(const grpc::Status& status) override { owner_->StreamDone(status); }

 private:
  enum class State { kIdle, kProving, kDone, kFailed };

  // As post_service::ProvingService answers: the finished proof of this challenge, else "still
  // proving" while it runs, an error for another challenge meanwhile or once after a failure;
  // any other request starts a proof of its challenge.
  void Answer(const std::string& challenge, pb::GenProofResponse* out) {
    std::lock_guard lock(mu_);
    out->set_status(pb::GEN_PROOF_STATUS_OK);
    if (state_ != State::kIdle && challenge == challenge_) {
      if (state_ == State::kDone) {
        out->mutable_proof()->set_nonce(proof_.nonce);
        out->mutable_proof()->set_indices(std::string(proof_.indices.begin(), proof_.indices.end()));
        out->mutable_proof()->set_pow(proof_.pow);
        out->mutable_metadata()->set_challenge(challenge_);
        *out->mutable_metadata()->mutable_meta() = meta_;
      } else if (state_ == State::kFailed) {
        out->set_status(pb::GEN_PROOF_STATUS_ERROR);
        state_ = State::kIdle;
      }
      return;
    }
    if (state_ == State::kProving) {
      out->set_status(pb::GEN_PROOF_STATUS_ERROR);
      return;
    }
    challenge_ = challenge;
    state_ = State::kProving;
    owner_->Enqueue([this, challenge] { Prove(challenge); });
  }

  // On a prover thread.
  void Prove(const std::string& challenge) {
    base::Hash32 ch{};
    std::copy_n(challenge.begin(), std::min(challenge.size(), ch.size()), ch.begin());
    const auto start = std::chrono::steady_clock::now();
    auto proof = post::GenerateProof(identity_.dir, ch, owner_->params_, owner_->options_, owner_->randomx_);
    owner_->Proved(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), proof.ok());
    if (!proof.ok()) {
      std::fprintf(stderr, "proof over %s failed: %s\n", identity_.dir.c_str(), proof.status().ToString().c_str());
    }
    std::lock_guard lock(mu_);
    if (proof.ok()) proof_ = std::move(*proof);
    state_ = proof.ok() ? State::kDone : State::kFailed;
  }

  ProvingStreams* owner_;
  const ProvingIdentity identity_;
  std::unique_ptr<pb::PostService::Stub> stub_;
  grpc::ClientContext context_;
  pb::Metadata meta_;
  pb::NodeRequest request_;
  pb::ServiceResponse response_;

  std::mutex mu_;
  State state_ = State::kIdle;  // guarded by mu_
  std::string challenge_;       // of the proof running or made; guarded by mu_
  post::Proof proof_;           // guarded by mu_
};

ProvingStreams::ProvingStreams(const std::string& address, const std::vector<ProvingIdentity>& identities,
                               const post::ProofParams& params, const post::ProvingOptions& options,
                               uint32_t prover_threads, const post::RandomX& randomx)
    : params_(params), options_(options), randomx_(randomx) {
  for (uint32_t i = 0; i < std::max(1u, prover_threads); ++i) provers_.emplace_back([this] { ProverLoop(); });
  streams_.reserve(identities.size());
  for (size_t i = 0; i < identities.size(); ++i) {
    streams_.push_back(std::make_unique<Stream>(this, address, static_cast<int>(i), identities[i]));
  }
}

ProvingStreams::~ProvingStreams() {
  Cancel();
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    jobs_.clear();
  }
  work_.notify_all();
  for (auto& t : provers_) t.join();
}

void ProvingStreams::Enqueue(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  work_.notify_one();
}

void ProvingStreams::ProverLoop() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      work_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

void ProvingStreams::Proved(double seconds, bool ok) {
  std::lock_guard lock(mu_);
  ++(ok ? stats_.proofs : stats_.failures);
  stats_.prove_seconds_total += seconds;
  stats_.prove_seconds_max = std::max(stats_.prove_seconds_max, seconds);
}

ProverStats ProvingStreams::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void ProvingStreams::Cancel() {
  {
    std::lock_guard lock(mu_);
    cancelling_ = true;
  }
  for (auto& stream : streams_) stream->Cancel();
  std::unique_lock lock(mu_);
  all_done_.wait(lock, [&] { return done_ == streams_.size(); });
}

void ProvingStreams::StreamDone(const grpc::Status& status) {
  std::lock_guard lock(mu_);
  if (!cancelling_) ++ended_[std::to_string(status.error_code()) + " " + status.error_message()];
  ++done_;
  all_done_.notify_all();
}

std::map<std::string, int> ProvingStreams::Ended() const {
  std::lock_guard lock(mu_);
  return ended_;
}

}  // namespace bench
