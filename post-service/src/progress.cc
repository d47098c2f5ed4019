#include "post_service/progress.h"

#include <algorithm>
#include <bit>

#include "post/layout.h"

namespace post_service {
namespace {

std::chrono::steady_clock::rep Now() { return std::chrono::steady_clock::now().time_since_epoch().count(); }

}  // namespace

const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kIdle: return "idle";
    case Phase::kK2Pow: return "k2pow";
    case Phase::kReading: return "reading";
    case Phase::kVerifying: return "verifying";
    case Phase::kDone: return "done";
  }
  return "unknown";
}

ProvingProgress::ProvingProgress(const post::PostMetadata& meta, size_t batch_bytes)
    : meta_(meta),
      batch_bytes_(batch_bytes),
      chunks_per_file_((meta.max_file_size + batch_bytes - 1) / batch_bytes),
      words_((meta.num_files() * chunks_per_file_ + 63) / 64),
      finished_(new std::atomic<uint64_t>[words_]) {
  for (size_t i = 0; i < words_; ++i) finished_[i].store(0, std::memory_order_relaxed);
}

void ProvingProgress::K2PowStarted(uint32_t nonce_start, uint32_t nonce_end) {
  // A new pass: the reference clears its finished chunks when it announces the nonce group.
  for (size_t i = 0; i < words_; ++i) finished_[i].store(0, std::memory_order_relaxed);
  bytes_read_.store(0, std::memory_order_relaxed);
  nonces_.store(uint64_t(nonce_start) << 32 | nonce_end, std::memory_order_relaxed);
  passes_.fetch_add(1, std::memory_order_relaxed);
  phase_.store(Phase::kK2Pow, std::memory_order_release);
}

void ProvingProgress::PassStarted(uint32_t, uint32_t) {
  pass_started_.store(Now(), std::memory_order_relaxed);
  phase_.store(Phase::kReading, std::memory_order_release);
}

void ProvingProgress::ChunkScanned(uint64_t pos, uint64_t len) {
  const size_t ordinal = Ordinal(pos);
  if (len == 0 || ordinal >= words_ * 64) return;
  finished_[ordinal / 64].fetch_or(uint64_t(1) << (ordinal % 64), std::memory_order_relaxed);
  bytes_read_.fetch_add(len, std::memory_order_relaxed);
}

void ProvingProgress::VerifyingStarted() { phase_.store(Phase::kVerifying, std::memory_order_release); }

size_t ProvingProgress::Ordinal(uint64_t pos) const {
  return size_t(pos / meta_.max_file_size * chunks_per_file_ + pos % meta_.max_file_size / batch_bytes_);
}

uint64_t ProvingProgress::ChunkEnd(size_t ordinal) const {
  const uint64_t file = ordinal / chunks_per_file_;
  const uint64_t end_in_file = (ordinal % chunks_per_file_ + 1) * batch_bytes_;
  return file * meta_.max_file_size + std::min(end_in_file, post::ExpectedFileSize(meta_, file));
}

uint64_t ProvingProgress::Position() const {
  // End of the lowest run of finished chunks: chunks adjacent in ordinal are adjacent on disk.
  size_t word = 0;
  uint64_t bits = 0;
  while (word < words_ && (bits = finished_[word].load(std::memory_order_relaxed)) == 0) ++word;
  if (word == words_) return 0;
  size_t ordinal = word * 64 + size_t(std::countr_zero(bits));
  bits = ~bits & (~uint64_t(0) << (ordinal % 64));  // unfinished chunks from the first one on
  while (bits == 0 && ++word < words_) bits = ~finished_[word].load(std::memory_order_relaxed);
  const size_t first_gap = word < words_ ? word * 64 + size_t(std::countr_zero(bits)) : words_ * 64;
  return ChunkEnd(first_gap - 1);
}

ProgressSnapshot ProvingProgress::Snapshot() const {
  ProgressSnapshot s;
  s.phase = phase_.load(std::memory_order_acquire);
  const uint64_t nonces = nonces_.load(std::memory_order_relaxed);
  s.nonce_start = uint32_t(nonces >> 32);
  s.nonce_end = uint32_t(nonces);
  s.passes = passes_.load(std::memory_order_relaxed);
  s.position = Position();
  s.bytes_read = bytes_read_.load(std::memory_order_relaxed);
  if (s.phase == Phase::kReading || s.phase == Phase::kVerifying) {
    const auto elapsed = std::chrono::steady_clock::duration(Now() - pass_started_.load(std::memory_order_relaxed));
    s.pass_seconds = std::chrono::duration<double>(elapsed).count();
  }
  return s;
}

}  // namespace post_service
