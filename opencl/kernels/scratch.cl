// Helpers shared by the ROMix kernels: 32-bit rotations and scratchpad (ROMix V) addressing.
//
// SM_NV_FUNNEL (NVIDIA only, a tuning option) rotates with PTX funnel shifts instead of
// rotate(), in case a driver does not lower rotate() to a single instruction.
#ifdef SM_NV_FUNNEL
inline uint rotl32(uint x, uint n) {
  uint r;
  asm("shf.l.wrap.b32 %0, %1, %1, %2;" : "=r"(r) : "r"(x), "r"(n));
  return r;
}
inline uint4 rotl32x4(uint4 x, uint n) {
  return (uint4)(rotl32(x.x, n), rotl32(x.y, n), rotl32(x.z, n), rotl32(x.w, n));
}
#else
#define rotl32(x, n) rotate((uint)(x), (uint)(n))
#define rotl32x4(x, n) rotate((uint4)(x), (uint4)(n))
#endif

// Scratchpad addressing. Compile-time: SCRYPT_N and LOOKUP_GAP (every LOOKUP_GAP-th V entry is
// stored, the others are recomputed on read). A batch's labels are split over up to 8 buffers of labels_per_buf labels each. Entry y of
// label l is the 128-byte line (y * labels_in_buffer + l): one label's entry is contiguous and
// neighbouring labels' entries are adjacent, so both phases access whole lines.

#define SCRATCH_PARAMS                                                                         \
  __global uint4 *s0, __global uint4 *s1, __global uint4 *s2, __global uint4 *s3,              \
      __global uint4 *s4, __global uint4 *s5, __global uint4 *s6, __global uint4 *s7
#define SCRATCH_ARGS s0, s1, s2, s3, s4, s5, s6, s7

// Pointer to entry 0 of `label`; *stride = uint4s from one entry to the next.
__global uint4* scratch_base(uint label, uint lanes, uint labels_per_buf, ulong* stride,
                             SCRATCH_PARAMS) {
  const uint b = label / labels_per_buf;
  const uint l = label - b * labels_per_buf;
  __global uint4* v = s0;
  if (b == 1) v = s1;
  if (b == 2) v = s2;
  if (b == 3) v = s3;
  if (b == 4) v = s4;
  if (b == 5) v = s5;
  if (b == 6) v = s6;
  if (b == 7) v = s7;
  *stride = (ulong)min(labels_per_buf, lanes - b * labels_per_buf) * 8;
  return v + (ulong)l * 8;
}
