#include "post/labels.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "huge_pages.h"
#include "keccak.h"
#include "post/blake3.h"
#include "romix.h"

namespace post {
namespace {

constexpr size_t kBlockBytes = romix::kWords * 4;
// Above this N the lane kernels would need more than 256 MiB of scratch per thread.
constexpr uint32_t kMaxLaneN = 1u << 16;

// The 72-byte scrypt password of one label: commitment || u64_le(index) || 32 zero bytes.
std::array<uint8_t, 72> Password(const base::Hash32& commitment, uint64_t index) {
  std::array<uint8_t, 72> pw{};
  std::memcpy(pw.data(), commitment.data(), 32);
  for (int b = 0; b < 8; ++b) pw[32 + b] = uint8_t(index >> (8 * b));
  return pw;
}

// One kernel call: an instruction set and how many lane groups it runs (see romix.h).
struct CallShape {
  LabelKernel kernel;
  int groups;
};

int BlocksPerCall(CallShape shape) {
  switch (shape.kernel) {
    case LabelKernel::kAvx512: return romix::kAvx512Lanes * shape.groups;
    case LabelKernel::kAvx2: return romix::kAvx2Lanes * shape.groups;
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

base::Hash32 Commitment(const base::Hash32& node_id, const base::Hash32& commitment_atx_id) {
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

// Runs `shape` over `count` labels whose indices index_of(i) gives, writing each one's 32
// output bytes through emit(i, out).
template <typename IndexOf, typename Emit>
void RunKernel(const base::Hash32& commitment, uint32_t scrypt_n, size_t count, CallShape shape, IndexOf index_of,
               Emit emit) {
  const int blocks = BlocksPerCall(shape);
  // Never shrunk: a narrower tail call followed by a wider call would otherwise map and zero
  // the megabytes again on every verification.
  thread_local huge_pages::Region scratch;
  const size_t scratch_bytes = size_t(blocks) * scrypt_n * romix::kWords * sizeof(uint32_t);
  if (scratch.size() < scratch_bytes) scratch = huge_pages::Region(scratch_bytes);
  auto* v = static_cast<uint32_t*>(scratch.data());
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
    switch (shape.kernel) {
      case LabelKernel::kAvx512: romix::RomixAvx512(x.data(), v, scrypt_n, shape.groups); break;
      case LabelKernel::kAvx2: romix::RomixAvx2(x.data(), v, scrypt_n, shape.groups); break;
      default: romix::RomixScalar(x.data(), v, scrypt_n, 1); break;
    }
    for (size_t b = 0; b < batch; ++b) {
      uint8_t out[32];
      macs[b].Pbkdf2({reinterpret_cast<const uint8_t*>(x.data() + b * romix::kWords), kBlockBytes}, out);
      emit(done + b, out);
    }
  }
}

// Splits `count` labels into runs with the call shape that finishes each soonest: whole
// two-group calls, then for the remainder one group if it fits, and with kAuto the cheapest
// kernel for it. At N = 8192 on one core: a scalar label 2.8 ms, one 8-lane AVX2 group 4.5 ms,
// one 16-lane AVX-512 group 6 ms, a 32-lane AVX-512 call 19 ms; so one label runs scalar and
// up to 8 on AVX2. A verifier's 37 labels are 32 + 5; a K3 = 1 verification's one is scalar.
template <typename Run>
void ForEachRun(LabelKernel requested, uint32_t scrypt_n, size_t count, Run run) {
  const LabelKernel kernel = Resolve(requested, scrypt_n);
  if (kernel == LabelKernel::kScalar) return run(size_t(0), count, CallShape{kernel, 1});
  const CallShape full{kernel, 2};
  const size_t per_call = size_t(BlocksPerCall(full));
  const size_t whole = count / per_call * per_call;
  const size_t rest = count - whole;
  if (whole) run(size_t(0), whole, full);
  if (rest == 0) return;
  CallShape tail = rest <= per_call / 2 ? CallShape{kernel, 1} : full;
  if (requested == LabelKernel::kAuto) {
    if (rest == 1) {
      tail = {LabelKernel::kScalar, 1};
    } else if (rest <= size_t(romix::kAvx2Lanes) && LabelKernelSupported(LabelKernel::kAvx2)) {
      tail = {LabelKernel::kAvx2, 1};
    }
  }
  run(whole, rest, tail);
}

}  // namespace

void ComputeLabels(const base::Hash32& commitment, uint32_t scrypt_n, uint64_t first, size_t count, uint8_t* labels,
                   uint8_t* full, LabelKernel kernel) {
  ForEachRun(kernel, scrypt_n, count, [&](size_t begin, size_t n, CallShape shape) {
    RunKernel(
        commitment, scrypt_n, n, shape, [&](size_t i) { return first + begin + i; },
        [&](size_t i, const uint8_t* out) {
          if (labels) std::memcpy(labels + (begin + i) * 16, out, 16);
          if (full) std::memcpy(full + (begin + i) * 32, out, 32);
        });
  });
}

void ComputeLabelsAt(const base::Hash32& commitment, uint32_t scrypt_n, std::span<const uint64_t> indices,
                     uint8_t* labels, LabelKernel kernel) {
  ForEachRun(kernel, scrypt_n, indices.size(), [&](size_t begin, size_t n, CallShape shape) {
    RunKernel(
        commitment, scrypt_n, n, shape, [&](size_t i) { return indices[begin + i]; },
        [&](size_t i, const uint8_t* out) { std::memcpy(labels + (begin + i) * 16, out, 16); });
  });
}

FullLabel ComputeFullLabel(const base::Hash32& commitment, uint64_t index, uint32_t scrypt_n) {
  FullLabel out;
  ComputeLabels(commitment, scrypt_n, index, 1, nullptr, out.data(), LabelKernel::kScalar);
  return out;
}

}  // namespace post
