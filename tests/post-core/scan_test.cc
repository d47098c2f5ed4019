#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "post/cipher.h"
#include "post/difficulty.h"
#include "post/scan.h"

namespace post {
namespace {

// The scan as the reference defines it, one block at a time: per 8-label chunk, per group, per
// label, per nonce; a byte below the difficulty's first byte qualifies, an equal one when the
// nonce's own cipher gives a 56-bit value below the rest.
std::vector<ScanHit> DefinitionScan(const base::Hash32& challenge, uint32_t nonce_start,
                                    const std::vector<uint64_t>& pows, uint64_t difficulty,
                                    const std::vector<uint8_t>& data, uint64_t first_index) {
  const SplitDifficulty d = Split(difficulty);
  std::vector<ScanHit> hits;
  for (size_t chunk = 0; chunk < data.size() / 128; ++chunk) {
    for (size_t g = 0; g < pows.size(); ++g) {
      const uint32_t group = nonce_start / 16 + uint32_t(g);
      const AesKey key = GroupCipher(challenge, group, pows[g]);
      for (size_t l = chunk * 8; l < chunk * 8 + 8; ++l) {
        uint8_t out[16];
        AesEncryptBlock(key, &data[l * 16], out);
        for (uint32_t o = 0; o < 16; ++o) {
          const uint32_t nonce = group * 16 + o;
          const bool qualifies =
              out[o] < d.msb ||
              (out[o] == d.msb && LazyValue(LazyCipher(challenge, group, pows[g], nonce), &data[l * 16]) < d.lsb);
          if (qualifies) hits.emplace_back(nonce, first_index + l);
        }
      }
    }
  }
  return hits;
}

TEST_CASE("every scan kernel finds exactly the hits the definition gives", "[prove][scan]") {
  std::mt19937_64 rng(7);
  // Two and a half 16 KiB tiles and a tail shorter than a chunk (ignored).
  std::vector<uint8_t> data(2 * 16384 + 8192 + 100);
  for (auto& b : data) b = uint8_t(rng());
  base::Hash32 challenge;
  for (auto& b : challenge) b = uint8_t(rng());
  const std::vector<uint64_t> pows = {11, 22, 33};
  const uint64_t difficulties[] = {
      uint64_t(1) << 50,               // mainnet's shape: first byte 0, ties settled by the lazy cipher
      0,                               // ties that never qualify
      0x40'0000'0000'0000ULL | 12345,  // bytes below the first byte qualify outright
      UINT64_MAX,                      // every byte at or below
  };
  for (uint64_t difficulty : difficulties) {
    const auto expected = DefinitionScan(challenge, 48, pows, difficulty, data, 1000);
    CHECK(expected.empty() == (difficulty == 0));
    for (ScanKernel kernel : {ScanKernel::kSse, ScanKernel::kAvx512, ScanKernel::kVaesAvx2, ScanKernel::kVaesAvx512}) {
      if (!ScanKernelSupported(kernel)) continue;
      INFO("kernel " << ScanKernelName(kernel) << ", difficulty " << difficulty);
      const PassScanner scanner(challenge, 48, pows, difficulty, kernel);
      std::vector<ScanHit> hits;
      scanner.Scan(data, 1000, &hits);
      CHECK(hits == expected);
    }
  }
}

TEST_CASE("scan kernels: the portable one always runs, names parse back, auto resolves", "[scan]") {
  CHECK(ScanKernelSupported(ScanKernel::kSse));
  CHECK(ScanKernelSupported(ScanKernel::kAuto));
  CHECK(std::string(ScanKernelName(ScanKernel::kAvx512)) == "avx512");
  for (ScanKernel k :
       {ScanKernel::kAuto, ScanKernel::kSse, ScanKernel::kAvx512, ScanKernel::kVaesAvx2, ScanKernel::kVaesAvx512}) {
    CHECK(ParseScanKernel(ScanKernelName(k)) == k);
  }
  CHECK_FALSE(ParseScanKernel("aesni").has_value());
  CHECK(ResolveScanKernel(ScanKernel::kAuto) != ScanKernel::kAuto);
}

}  // namespace
}  // namespace post
