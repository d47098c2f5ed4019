#include "post/labels.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "keccak.h"
#include "post/blake3.h"
#include "romix.h"

namespace post {
namespace {

constexpr size_t kBlockBytes = romix::kWords * 4;
// Above this N the lane kernels would need more than 256 MiB of scratch per thread.
constexpr uint32_t kMaxLaneN = 1u << 16;

// The 72-byte scrypt password of one label: commitment || u64_le(index) || 32 zero bytes.
std::array<uint8_t, 72> Password(const Hash32& commitment, uint64_t index) {
  std::array<uint8_t, 72> pw{};
  std::memcpy(pw.data(), commitment.data(), 32);
  for (int b = 0; b < 8; ++b) pw[32 + b] = uint8_t(index >> (8 * b));
  return pw;
}

int BlocksPerCall(LabelKernel kernel) {
  switch (kernel) {
    case LabelKernel::kAvx512: return romix::kAvx512Blocks;
    case LabelKernel::kAvx2: return romix::kAvx2Blocks;
    default: return 1;
  }
}

LabelKernel Resolve(LabelKernel kernel, uint32_t n) {
  if (kernel != LabelKernel::kAuto) return kernel;
  if (n > kMaxLaneN) return LabelKernel::kScalar;
  if (LabelKernelSupported(LabelKernel::kAvx512)) return LabelKernel::kAvx512;
  if (LabelKernelSupported(LabelKernel::kAvx2)) return LabelKernel::kAvx2;
  return LabelKernel::kScalar;
}

}  // namespace

Hash32 Commitment(const Hash32& node_id, const Hash32& commitment_atx_id) {
  return Blake3Hash({node_id, commitment_atx_id});
}

bool LabelKernelSupported(LabelKernel kernel) {
  switch (kernel) {
    case LabelKernel::kAvx512: return __builtin_cpu_supports("avx512f");
    case LabelKernel::kAvx2: return __builtin_cpu_supports("avx2");
    default: return true;
  }
}

const char* LabelKernelName(LabelKernel kernel) {
  switch (kernel) {
    case LabelKernel::kAuto: return "auto";
    case LabelKernel::kScalar: return "scalar";
    case LabelKernel::kAvx2: return "avx2";
    case LabelKernel::kAvx512: return "avx512";
  }
  return "?";
}

namespace {

// Runs the kernel over `count` labels whose indices index_of(i) gives, writing each one's 32
// output bytes through emit(i, out).
template <typename IndexOf, typename Emit>
void RunKernel(const Hash32& commitment, uint32_t scrypt_n, size_t count, LabelKernel kernel,
               IndexOf index_of, Emit emit) {
  kernel = Resolve(kernel, scrypt_n);
  const int blocks = BlocksPerCall(kernel);
  // Never shrunk: a narrower tail call followed by a wider call would otherwise zero the
  // regrown megabytes again on every verification.
  thread_local std::vector<uint32_t> scratch;
  const size_t scratch_words = size_t(blocks) * scrypt_n * romix::kWords;
  if (scratch.size() < scratch_words) scratch.resize(scratch_words);
  std::vector<keccak::Hmac> macs;
  macs.reserve(blocks);
  std::vector<uint32_t> x(size_t(blocks) * romix::kWords);

  for (size_t done = 0; done < count; done += blocks) {
    const size_t batch = std::min<size_t>(blocks, count - done);
    macs.clear();
    for (int b = 0; b < blocks; ++b) {
      // Lanes past the end repeat the last label; their results are dropped.
      macs.emplace_back(Password(commitment, index_of(done + std::min<size_t>(b, batch - 1))));
      uint8_t block[kBlockBytes];
      macs.back().Pbkdf2({}, block);
      std::memcpy(x.data() + b * romix::kWords, block, kBlockBytes);
    }
    switch (kernel) {
      case LabelKernel::kAvx512: romix::RomixAvx512(x.data(), scratch.data(), scrypt_n); break;
      case LabelKernel::kAvx2: romix::RomixAvx2(x.data(), scratch.data(), scrypt_n); break;
      default: romix::RomixScalar(x.data(), scratch.data(), scrypt_n, 1); break;
    }
    for (size_t b = 0; b < batch; ++b) {
      uint8_t out[32];
      macs[b].Pbkdf2({reinterpret_cast<const uint8_t*>(x.data() + b * romix::kWords), kBlockBytes},
                     out);
      emit(done + b, out);
    }
  }
}

// Splits `count` labels into runs, each with the kernel that finishes it soonest: whole 32-label
// calls on AVX-512, and for a remainder the narrowest kernel that still fills its lanes well
// (a 32-lane call costs about as much as 16 lanes of AVX2 or 5 scalar labels on one core).
template <typename Run>
void ForEachRun(LabelKernel kernel, uint32_t scrypt_n, size_t count, Run run) {
  kernel = Resolve(kernel, scrypt_n);
  if (kernel != LabelKernel::kAvx512) return run(size_t(0), count, kernel);
  const size_t whole = count / romix::kAvx512Blocks * romix::kAvx512Blocks;
  const size_t rest = count - whole;
  if (whole) run(size_t(0), whole, kernel);
  if (rest == 0) return;
  LabelKernel tail = LabelKernel::kAvx512;
  if (rest <= 4) {
    tail = LabelKernel::kScalar;
  } else if (rest <= romix::kAvx2Blocks && LabelKernelSupported(LabelKernel::kAvx2)) {
    tail = LabelKernel::kAvx2;
  }
  run(whole, rest, tail);
}

}  // namespace

void ComputeLabels(const Hash32& commitment, uint32_t scrypt_n, uint64_t first, size_t count,
                   uint8_t* labels, uint8_t* full, LabelKernel kernel) {
  ForEachRun(kernel, scrypt_n, count, [&](size_t begin, size_t n, LabelKernel k) {
    RunKernel(
        commitment, scrypt_n, n, k, [&](size_t i) { return first + begin + i; },
        [&](size_t i, const uint8_t* out) {
          if (labels) std::memcpy(labels + (begin + i) * 16, out, 16);
          if (full) std::memcpy(full + (begin + i) * 32, out, 32);
        });
  });
}

void ComputeLabelsAt(const Hash32& commitment, uint32_t scrypt_n, std::span<const uint64_t> indices,
                     uint8_t* labels, LabelKernel kernel) {
  ForEachRun(kernel, scrypt_n, indices.size(), [&](size_t begin, size_t n, LabelKernel k) {
    RunKernel(
        commitment, scrypt_n, n, k, [&](size_t i) { return indices[begin + i]; },
        [&](size_t i, const uint8_t* out) { std::memcpy(labels + (begin + i) * 16, out, 16); });
  });
}

FullLabel ComputeFullLabel(const Hash32& commitment, uint64_t index, uint32_t scrypt_n) {
  FullLabel out;
  ComputeLabels(commitment, scrypt_n, index, 1, nullptr, out.data(), LabelKernel::kScalar);
  return out;
}

}  // namespace post
