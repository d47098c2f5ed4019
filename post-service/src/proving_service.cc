#include "post_service/proving_service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "base/bytes.h"

namespace post_service {
namespace {

uint32_t WorkerThreads(const post::ProvingOptions& options) {
  if (!options.pinned_cores.empty()) return uint32_t(options.pinned_cores.size());
  return options.threads;  // 0 = all cores, as RandomX::Create takes it
}

}  // namespace

ProvingService::ProvingService(ProvingConfig config, post::PostMetadata meta)
    : config_(std::move(config)), meta_(std::move(meta)) {}

ProvingService::~ProvingService() {
  std::unique_lock lock(mu_);
  stop_ = true;
  worker_done_.wait(lock, [this] { return state_ != ServiceState::kProving; });
  lock.unlock();
  if (worker_.joinable()) worker_.join();
}

bool ProvingService::Stop(std::chrono::milliseconds grace) {
  std::unique_lock lock(mu_);
  stop_ = true;
  if (!worker_done_.wait_for(lock, grace, [this] { return state_ != ServiceState::kProving; })) return false;
  std::thread worker = std::move(worker_);
  lock.unlock();
  if (worker.joinable()) worker.join();
  return true;
}

GenProofReply ProvingService::Fail(std::string error) {
  spdlog::error("{}", error);
  last_error_ = error;
  return {GenProofReply::Kind::kError, {}, {}, std::move(error)};
}

GenProofReply ProvingService::GenProof(std::span<const uint8_t> challenge) {
  std::lock_guard lock(mu_);
  if (stop_) return Fail("the service is shutting down");
  if (challenge.size() != 32) {
    return Fail("invalid challenge: expected 32 bytes, got " + std::to_string(challenge.size()));
  }
  base::Hash32 ch;
  std::copy(challenge.begin(), challenge.end(), ch.begin());

  switch (state_) {
    case ServiceState::kProving:
      if (ch != challenge_) {
        return Fail("proof generation is in progress for a different challenge (current: " + base::ToHex(challenge_) +
                    ", requested: " + base::ToHex(ch) + ")");
      }
      spdlog::debug("proof generation in progress");
      return {};
    case ServiceState::kDoneProving: {
      worker_.join();
      state_ = ServiceState::kIdle;
      auto result = std::move(*result_);
      result_.reset();
      if (ch != challenge_) {
        spdlog::warn("discarding the finished proof for challenge {}: the node now asks for {}",
                     base::ToHex(challenge_), base::ToHex(ch));
        break;  // start proving the new challenge
      }
      if (!result.ok()) return Fail("proof generation failed: " + result.status().ToString());
      spdlog::info("handing the proof for challenge {} to the node", base::ToHex(ch));
      ++proofs_ok_;
      delivered_.emplace(ch, *result);
      return {GenProofReply::Kind::kProof, *result, MetadataFor(ch), {}};
    }
    case ServiceState::kIdle:
      if (delivered_ && delivered_->first == ch) {
        spdlog::info("the node asks again for the proof of challenge {}; sending it again", base::ToHex(ch));
        return {GenProofReply::Kind::kProof, delivered_->second, MetadataFor(ch), {}};
      }
      break;
  }

  spdlog::info("starting proof generation for challenge {}", base::ToHex(ch));
  if (worker_.joinable()) worker_.join();
  challenge_ = ch;
  progress_ = std::make_shared<ProvingProgress>(meta_, config_.options.batch_bytes);
  state_ = ServiceState::kProving;
  worker_ = std::thread(&ProvingService::Work, this, ch, progress_);
  return {};
}

void ProvingService::Work(base::Hash32 challenge, std::shared_ptr<ProvingProgress> progress) {
  const auto start = std::chrono::steady_clock::now();
  auto result = ProveAndVerify(challenge, *progress);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::lock_guard lock(mu_);
  if (result.ok()) {
    spdlog::info("proof ready after {:.1f} s: nonce {}, pow {}", seconds, result->nonce, result->pow);
  } else if (stop_) {
    spdlog::info("proof generation stopped");
  } else {
    spdlog::error("proof generation failed after {:.1f} s: {}", seconds, result.status().ToString());
    last_error_ = result.status().ToString();
    ++proofs_failed_;
  }
  last_proof_seconds_ = seconds;
  result_ = std::move(result);
  state_ = ServiceState::kDoneProving;
  worker_done_.notify_all();
}

base::Result<post::Proof> ProvingService::ProveAndVerify(const base::Hash32& challenge, ProvingProgress& progress) {
  using base::Status;
  auto randomx = post::RandomX::Create(config_.randomx_mode, WorkerThreads(config_.options));
  if (!randomx.ok()) {
    return Status::Aborted(
        "creating RandomX failed (fast mode needs about 2.1 GiB of memory; "
        "--randomx-mode light needs 256 MiB): " +
        randomx.status().ToString());
  }
  auto proof =
      post::GenerateProof(config_.dir, challenge, config_.params, config_.options, **randomx, &progress, &stop_);
  if (!proof.ok()) return proof.status();

  // The self-check of the reference: every index, the data's own num_units and labels_per_unit.
  // The RandomX that proved also verifies: any mode hashes the same.
  progress.VerifyingStarted();
  auto verifier = post::Verifier::Create(*randomx);
  if (!verifier.ok()) return verifier.status();
  post::VerifyParams params;
  params.proof = config_.params;
  params.scrypt_n = config_.scrypt_n;
  params.min_num_units = params.max_num_units = meta_.num_units;
  params.labels_per_unit = meta_.labels_per_unit;
  if (Status s = (*verifier)->Verify(*proof, MetadataFor(challenge), params, post::VerifyMode::All()); !s.ok()) {
    return Status::InvalidProof(
        "failed proof verification (corrupt data or wrong network parameters "
        "--k1/--k2/--pow-difficulty/-n?): " +
        s.message());
  }
  return proof;
}

post::ProofMetadata ProvingService::MetadataFor(const base::Hash32& challenge) const {
  return {meta_.node_id, meta_.commitment_atx_id, challenge, meta_.num_units, meta_.labels_per_unit};
}

ProvingStatus ProvingService::Status() const {
  std::lock_guard lock(mu_);
  ProvingStatus s;
  s.state = state_;
  if (progress_) s.progress = progress_->Snapshot();
  if (state_ == ServiceState::kIdle) s.progress.phase = Phase::kIdle;
  if (state_ == ServiceState::kDoneProving) s.progress.phase = Phase::kDone;
  s.last_proof_seconds = last_proof_seconds_;
  s.last_error = last_error_;
  s.proofs_ok = proofs_ok_;
  s.proofs_failed = proofs_failed_;
  return s;
}

}  // namespace post_service
