// The proving scan: tiles of labels, each reduced to masks by every group's kernel in turn;
// ties are settled here with AES-NI (this file is compiled with -maes -msse4.1).
#include "post/scan.h"

#include <immintrin.h>

#include <algorithm>

#include "scan_masks.h"

namespace post {

bool ScanKernelSupported(ScanKernel kernel) {
  switch (kernel) {
    case ScanKernel::kAuto:
    case ScanKernel::kSse: return true;
    case ScanKernel::kAvx512: return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
    case ScanKernel::kVaesAvx2: return __builtin_cpu_supports("vaes") && __builtin_cpu_supports("avx2");
    case ScanKernel::kVaesAvx512: return __builtin_cpu_supports("vaes") && ScanKernelSupported(ScanKernel::kAvx512);
  }
  return false;
}

const char* ScanKernelName(ScanKernel kernel) {
  switch (kernel) {
    case ScanKernel::kAuto: return "auto";
    case ScanKernel::kSse: return "sse";
    case ScanKernel::kAvx512: return "avx512";
    case ScanKernel::kVaesAvx2: return "vaes-avx2";
    case ScanKernel::kVaesAvx512: return "vaes-avx512";
  }
  return "?";
}

std::optional<ScanKernel> ParseScanKernel(std::string_view name) {
  for (ScanKernel k :
       {ScanKernel::kAuto, ScanKernel::kSse, ScanKernel::kAvx512, ScanKernel::kVaesAvx2, ScanKernel::kVaesAvx512}) {
    if (name == ScanKernelName(k)) return k;
  }
  return std::nullopt;
}

ScanKernel ResolveScanKernel(ScanKernel kernel) {
  if (kernel == ScanKernel::kAuto) {
    for (ScanKernel best : {ScanKernel::kVaesAvx512, ScanKernel::kVaesAvx2, ScanKernel::kAvx512}) {
      if (ScanKernelSupported(best)) return best;
    }
    return ScanKernel::kSse;
  }
  return ScanKernelSupported(kernel) ? kernel : ScanKernel::kSse;
}

namespace {

// Every group scans one L1-sized tile (16 KiB) before the next tile is touched, so the data
// comes from memory once per batch rather than once per group.
constexpr size_t kTileLabels = 1024;

constexpr size_t kMaxTies = 256;  // settled whenever this many may have gathered

// The two steps of a resolved kernel: the AES loop and the selection of candidate labels.
struct KernelSteps {
  scan::MasksFn masks;
  scan::SelectFn select;
};

KernelSteps StepsOf(ScanKernel kernel) {
  switch (kernel) {
    case ScanKernel::kAvx512: return {scan::MasksAvx512, scan::SelectAvx512};
    case ScanKernel::kVaesAvx2: return {scan::MasksVaesAvx2, scan::SelectSse};
    case ScanKernel::kVaesAvx512: return {scan::MasksVaesAvx512, scan::SelectAvx512};
    default: return {scan::MasksSse, scan::SelectSse};
  }
}

}  // namespace

// A label byte that equals the difficulty's first byte: the nonce's own cipher decides.
struct PassScanner::Tie {
  uint32_t label;  // within the scanned data
  uint32_t nonce;  // within the pass
};

// Settles ties 8 at a time: eight independent AES chains hide the instruction latency that one
// block at a time would expose. On mainnet 1 in 16 labels ties per group, so this second AES
// costs a sixteenth of the scan; batches gather across groups and tiles to stay full.
void PassScanner::Settle(const Tie* ties, size_t n, const uint8_t* data, uint64_t first_index,
                         std::vector<ScanHit>* hits) const {
  for (size_t start = 0; start < n; start += 8) {
    const size_t batch = std::min<size_t>(8, n - start);
    const Tie* t = ties + start;
    const __m128i* keys[8];
    __m128i b[8];
    for (size_t i = 0; i < 8; ++i) {
      const Tie& tie = t[i < batch ? i : 0];  // a short batch repeats its first tie
      keys[i] = reinterpret_cast<const __m128i*>(lazy_[tie.nonce].round_keys);
      b[i] = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + size_t(tie.label) * 16)),
                           _mm_load_si128(keys[i]));
    }
    for (int r = 1; r < 10; ++r) {
      for (size_t i = 0; i < 8; ++i) b[i] = _mm_aesenc_si128(b[i], _mm_load_si128(keys[i] + r));
    }
    for (size_t i = 0; i < batch; ++i) {
      const __m128i out = _mm_aesenclast_si128(b[i], _mm_load_si128(keys[i] + 10));
      if ((uint64_t(_mm_cvtsi128_si64(out)) & 0x00FF'FFFF'FFFF'FFFFULL) < difficulty_.lsb) {
        hits->emplace_back(nonce_start_ + t[i].nonce, first_index + t[i].label);
      }
    }
  }
}

PassScanner::PassScanner(const base::Hash32& challenge, uint32_t nonce_start, std::span<const uint64_t> pows,
                         uint64_t difficulty, ScanKernel kernel)
    : nonce_start_(nonce_start), difficulty_(Split(difficulty)), kernel_(ResolveScanKernel(kernel)) {
  const uint32_t first_group = nonce_start / 16;
  for (size_t g = 0; g < pows.size(); ++g) {
    const uint32_t group = first_group + uint32_t(g);
    groups_.push_back(GroupCipher(challenge, group, pows[g]));
    for (uint32_t o = 0; o < 16; ++o) {
      lazy_.push_back(LazyCipher(challenge, group, pows[g], group * 16 + o));
    }
  }
}

void PassScanner::Scan(std::span<const uint8_t> data, uint64_t first_index, std::vector<ScanHit>* hits) const {
  const size_t before = hits->size();
  const auto [masks, select] = StepsOf(kernel_);
  const size_t labels = data.size() / 128 * 8;  // whole chunks only
  alignas(64) uint16_t le[kTileLabels], eq[kTileLabels];
  alignas(64) uint32_t selected[kTileLabels + 16];
  Tie ties[kMaxTies];
  size_t tie_count = 0;
  for (size_t first = 0; first < labels; first += kTileLabels) {
    const size_t n = std::min(kTileLabels, labels - first);
    std::fill(le + n, le + kTileLabels, 0);  // a short last tile: selection reads whole words
    for (size_t g = 0; g < groups_.size(); ++g) {
      masks(data.data() + first * 16, n, groups_[g], difficulty_.msb, le, eq);
      // Which labels have a byte at or below the difficulty is random, so a branch per label
      // would mispredict often: they are selected into a list first, and one tie per label
      // (the usual case) is recorded without a branch.
      const size_t count = select(le, (n + 63) / 64 * 64, selected);
      const uint32_t group_nonce = uint32_t(g) * 16;
      for (size_t s = 0; s < count; ++s) {
        const uint32_t i = selected[s], label = uint32_t(first) + i, equal = eq[i];
        // A byte below the difficulty's qualifies outright (never on mainnet, where it is 0).
        for (uint32_t below = le[i] & ~equal; below != 0; below &= below - 1) {
          hits->emplace_back(nonce_start_ + group_nonce + uint32_t(__builtin_ctz(below)), first_index + label);
        }
        ties[tie_count] = {label, group_nonce + uint32_t(__builtin_ctz(equal | 0x10000))};
        tie_count += equal != 0;
        for (uint32_t more = equal & (equal - 1); more != 0; more &= more - 1) {
          ties[tie_count++] = {label, group_nonce + uint32_t(__builtin_ctz(more))};
        }
        if (tie_count > kMaxTies - 16) {
          Settle(ties, tie_count, data.data(), first_index, hits);
          tie_count = 0;
        }
      }
    }
  }
  Settle(ties, tie_count, data.data(), first_index, hits);
  // Group-major scanning and batched ties find hits out of the reference's chunk-major order;
  // hits are rare, so restoring it costs nothing measurable.
  std::sort(hits->begin() + before, hits->end(), [&](const ScanHit& a, const ScanHit& b) {
    const uint64_t ca = (a.second - first_index) / 8, cb = (b.second - first_index) / 8;
    if (ca != cb) return ca < cb;
    if (a.first / 16 != b.first / 16) return a.first / 16 < b.first / 16;
    if (a.second != b.second) return a.second < b.second;
    return a.first < b.first;
  });
}

}  // namespace post
