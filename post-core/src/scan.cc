// AES-NI scan kernel; this file is compiled with -maes -msse4.1.
#include "post/scan.h"

#include <immintrin.h>

#include <algorithm>

namespace post {

PassScanner::PassScanner(const Hash32& challenge, uint32_t nonce_start,
                         std::span<const uint64_t> pows, uint64_t difficulty)
    : nonce_start_(nonce_start), difficulty_(Split(difficulty)) {
  const uint32_t first_group = nonce_start / 16;
  for (size_t g = 0; g < pows.size(); ++g) {
    const uint32_t group = first_group + uint32_t(g);
    groups_.push_back(GroupCipher(challenge, group, pows[g]));
    for (uint32_t o = 0; o < 16; ++o) {
      lazy_.push_back(LazyCipher(challenge, group, pows[g], group * 16 + o));
    }
  }
}

namespace {

constexpr size_t kPrefetchAhead = 4096;
constexpr size_t kTileBytes = 16 * 1024;  // a multiple of the 128-byte chunk
constexpr size_t kMarkChunks = 16;        // chunks scanned before their marks are handled

// A label whose first byte for a nonce equals the difficulty's: the nonce's own cipher decides.
struct Tie {
  const uint8_t* label;
  const AesKey* lazy;
  uint32_t nonce;
  uint64_t index;
};

// Settles up to 8 ties at once: eight independent AES chains hide the instruction latency that
// one block at a time would expose (ties are 1 in 16 labels per group on mainnet).
void SettleTies(const Tie* ties, size_t n, uint64_t lsb, std::vector<ScanHit>* hits) {
  if (n == 0) return;
  __m128i b[8];
  for (size_t i = 0; i < 8; ++i) {
    const Tie& t = ties[i < n ? i : 0];
    b[i] = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.label)),
                         _mm_load_si128(reinterpret_cast<const __m128i*>(t.lazy->round_keys[0])));
  }
  for (int r = 1; r < 10; ++r) {
    for (size_t i = 0; i < 8; ++i) {
      const Tie& t = ties[i < n ? i : 0];
      b[i] = _mm_aesenc_si128(b[i], _mm_load_si128(reinterpret_cast<const __m128i*>(t.lazy->round_keys[r])));
    }
  }
  for (size_t i = 0; i < n; ++i) {
    b[i] = _mm_aesenclast_si128(b[i], _mm_load_si128(reinterpret_cast<const __m128i*>(ties[i].lazy->round_keys[10])));
    const uint64_t value = uint64_t(_mm_cvtsi128_si64(b[i])) & 0x00FF'FFFF'FFFF'FFFFULL;
    if (value < lsb) hits->emplace_back(ties[i].nonce, ties[i].index);
  }
}

}  // namespace

void PassScanner::Scan(std::span<const uint8_t> data, uint64_t first_index,
                       std::vector<ScanHit>* hits) const {
  const size_t before = hits->size();
  // Every group scans one L1-sized tile before the next tile is touched, so the data comes
  // from memory once per batch rather than once per group.
  for (size_t offset = 0; offset < data.size(); offset += kTileBytes) {
    const auto tile = data.subspan(offset, std::min(kTileBytes, data.size() - offset));
    for (size_t g = 0; g < groups_.size(); ++g) ScanGroup(tile, first_index + offset / 16, g, hits);
  }
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

void PassScanner::ScanGroup(std::span<const uint8_t> data, uint64_t first_index, size_t group,
                            std::vector<ScanHit>* hits) const {
  const __m128i* rk_mem = reinterpret_cast<const __m128i*>(groups_[group].round_keys);
  const __m128i k0 = rk_mem[0], k1 = rk_mem[1], k2 = rk_mem[2], k3 = rk_mem[3], k4 = rk_mem[4],
                k5 = rk_mem[5], k6 = rk_mem[6], k7 = rk_mem[7], k8 = rk_mem[8], k9 = rk_mem[9],
                k10 = rk_mem[10];
  const __m128i msb = _mm_set1_epi8(char(difficulty_.msb));
  const uint32_t first_nonce = nonce_start_ + uint32_t(group) * 16;
  const AesKey* lazy = &lazy_[group * 16];
  Tie ties[8];
  size_t tie_count = 0;
  // Which labels have a byte at or below the difficulty is random (40 % of chunks on mainnet),
  // so deciding it per chunk would mispredict a branch every other chunk. Instead every block's
  // outcome is written down without branching, and only the marked ones are looked at.
  struct Mark {
    __m128i ciphertext;
    uint32_t label;  // within data
    uint32_t nonces; // bit o: nonce first_nonce + o is at or below the difficulty
  };
  Mark marks[kMarkChunks * 8];
  const size_t chunks = data.size() / 128;
  for (size_t first_chunk = 0; first_chunk < chunks; first_chunk += kMarkChunks) {
    const size_t end_chunk = std::min(chunks, first_chunk + kMarkChunks);
    size_t marked = 0;
    for (size_t c = first_chunk; c < end_chunk; ++c) {
      const __m128i* in = reinterpret_cast<const __m128i*>(data.data() + c * 128);
      // Data streams from memory (page cache) once per batch: ask for it ahead.
      _mm_prefetch(reinterpret_cast<const char*>(in) + kPrefetchAhead, _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(in) + kPrefetchAhead + 64, _MM_HINT_T0);
      __m128i b[8];
      for (int l = 0; l < 8; ++l) b[l] = _mm_xor_si128(_mm_loadu_si128(in + l), k0);
#define SM_ROUND(k) for (int l = 0; l < 8; ++l) b[l] = _mm_aesenc_si128(b[l], k)
      SM_ROUND(k1); SM_ROUND(k2); SM_ROUND(k3); SM_ROUND(k4); SM_ROUND(k5);
      SM_ROUND(k6); SM_ROUND(k7); SM_ROUND(k8); SM_ROUND(k9);
#undef SM_ROUND
      for (int l = 0; l < 8; ++l) {
        b[l] = _mm_aesenclast_si128(b[l], k10);
        // byte <= msb exactly when min(byte, msb) == byte.
        const uint32_t nonces = uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(b[l], msb), b[l])));
        marks[marked] = {b[l], uint32_t(c * 8 + l), nonces};
        marked += nonces != 0;
      }
    }
    for (size_t m = 0; m < marked; ++m) {
      const Mark& mark = marks[m];
      const uint32_t equal = uint32_t(_mm_movemask_epi8(_mm_cmpeq_epi8(mark.ciphertext, msb)));
      const uint64_t index = first_index + mark.label;
      for (uint32_t bits = mark.nonces; bits != 0; bits &= bits - 1) {
        const uint32_t o = uint32_t(__builtin_ctz(bits));
        if ((equal >> o & 1) == 0) {
          hits->emplace_back(first_nonce + o, index);
          continue;
        }
        ties[tie_count++] = {data.data() + size_t(mark.label) * 16, &lazy[o], first_nonce + o, index};
        if (tie_count == 8) {
          SettleTies(ties, tie_count, difficulty_.lsb, hits);
          tie_count = 0;
        }
      }
    }
  }
  SettleTies(ties, tie_count, difficulty_.lsb, hits);
}

}  // namespace post
