// The memory-hard core of scrypt-jane: ROMix over ChaCha20/8 BlockMix. Blocks are arrays of
// little-endian u32 words; a block of parameter r has 32 * r words. Internal to post-core.
#pragma once

#include <cstddef>
#include <cstdint>

namespace post::romix {

inline constexpr size_t kWords = 32;  // words in one r = 1 block (128 bytes)

// x = ROMix(x) for one block of parameter r; v is scratch of n * 32 * r words.
void RomixScalar(uint32_t* x, uint32_t* v, uint64_t n, uint32_t r);

// ROMix with r = 1 over many independent blocks at once: `groups` (1 or 2) groups of the
// ISA's lanes, i.e. groups * kAvx2Lanes or groups * kAvx512Lanes blocks. x holds the blocks
// one after another (32 words each); v is scratch of blocks * n * 32 words. Need the named CPU
// features and n * blocks * 32 < 2^31. Two groups hide each other's memory latency; one group
// costs more per block but less per call.
inline constexpr int kAvx2Lanes = 8;
inline constexpr int kAvx512Lanes = 16;
void RomixAvx2(uint32_t* x, uint32_t* v, uint32_t n, int groups);
void RomixAvx512(uint32_t* x, uint32_t* v, uint32_t n, int groups);

}  // namespace post::romix
