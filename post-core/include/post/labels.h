// PoST labels: scrypt-jane (Keccak-512 PBKDF2, ChaCha20/8 ROMix, r = p = 1) over
// commitment || u64_le(index) || 32 zero bytes, with an empty salt.
#pragma once

#include <cstddef>
#include <cstdint>

#include <span>

#include "base/bytes.h"
#include "post/label.h"

namespace post {

// commitment = BLAKE3(node_id || commitment_atx_id).
base::Hash32 Commitment(const base::Hash32& node_id, const base::Hash32& commitment_atx_id);

// The full 32-byte scrypt output for one index; the first 16 bytes are the stored label.
FullLabel ComputeFullLabel(const base::Hash32& commitment, uint64_t index, uint32_t scrypt_n);

// The label kernels; kAuto picks the widest one this CPU runs.
enum class LabelKernel { kAuto, kScalar, kAvx2, kAvx512 };
bool LabelKernelSupported(LabelKernel kernel);
const char* LabelKernelName(LabelKernel kernel);

// Computes labels [first, first + count) on the calling thread. Writes count * 16 bytes to
// `labels` (may be null); if `full` is non-null also count * 32 bytes there.
// scrypt_n must be a power of two >= 2. Scratch memory is kept per thread and reused.
void ComputeLabels(const base::Hash32& commitment, uint32_t scrypt_n, uint64_t first, size_t count, uint8_t* labels,
                   uint8_t* full = nullptr, LabelKernel kernel = LabelKernel::kAuto);

// Computes the 16-byte labels of arbitrary indices (the verifier's lookups) into `labels`.
void ComputeLabelsAt(const base::Hash32& commitment, uint32_t scrypt_n, std::span<const uint64_t> indices,
                     uint8_t* labels, LabelKernel kernel = LabelKernel::kAuto);

}  // namespace post
