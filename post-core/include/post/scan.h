// The proving scan of one pass: every label is encrypted with each nonce group's cipher and
// each output byte decides whether the label qualifies for that byte's nonce. Pure and
// allocation-free per label, so it can be tested on buffers and run from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "post/cipher.h"
#include "post/difficulty.h"

namespace post {

// A qualifying (nonce, label index) pair.
using ScanHit = std::pair<uint32_t, uint64_t>;

// The AES loop's instruction set: kSse (AES-NI, any x86-64 CPU with it), kAvx512 (AES-NI with
// AVX-512BW/VL compares), kVaesAvx2 / kVaesAvx512 (256-bit VAES, two labels per instruction).
// kAuto takes the best this CPU runs. All give identical hits.
enum class ScanKernel { kAuto, kSse, kAvx512, kVaesAvx2, kVaesAvx512 };
bool ScanKernelSupported(ScanKernel kernel);
// kAuto becomes the best kernel this CPU runs; an unsupported one falls back to kSse.
ScanKernel ResolveScanKernel(ScanKernel kernel);
const char* ScanKernelName(ScanKernel kernel);
// The kernel a name from ScanKernelName stands for ("auto", "sse", ...), or nullopt.
std::optional<ScanKernel> ParseScanKernel(std::string_view name);

class PassScanner {
 public:
  // Nonces [nonce_start, nonce_start + 16 * pows.size()); pows[g] is the k2pow of group
  // nonce_start / 16 + g. nonce_start must be a multiple of 16.
  PassScanner(const base::Hash32& challenge, uint32_t nonce_start, std::span<const uint64_t> pows, uint64_t difficulty,
              ScanKernel kernel = ScanKernel::kAuto);

  // Scans whole 128-byte chunks of `data` (a shorter tail is ignored, as the reference does);
  // the first label has index first_index. Appends the hits to *hits in the reference's order
  // (per chunk, per group, per label, per nonce).
  void Scan(std::span<const uint8_t> data, uint64_t first_index, std::vector<ScanHit>* hits) const;

 private:
  struct Tie;  // a (label, nonce) whose first byte equals the difficulty's
  // Settles ties with the nonces' own ciphers, appending the qualifying ones.
  void Settle(const Tie* ties, size_t n, const uint8_t* data, uint64_t first_index, std::vector<ScanHit>* hits) const;

  std::vector<AesKey> groups_;
  std::vector<AesKey> lazy_;  // one per nonce of the pass
  uint32_t nonce_start_;
  SplitDifficulty difficulty_;
  ScanKernel kernel_;
};

}  // namespace post
