// ROMix with four work-items per label. Work-item k of a group holds column k of both 64-byte
// blocks (words k, 4+k, 8+k, 12+k as .s0..s3), so quarter-rounds are scalar and a diagonal
// round rotates rows b, c, d across the group. Exchanges use warp shuffles on NVIDIA
// (SM_NV_SHFL, inline PTX) and local memory with barriers elsewhere. The scratchpad stores a
// label's entry as 128 contiguous bytes, column-major (block, column).

#if ROMIX_LANES == 4

#define CHACHA_QR1(a, b, c, d)            \
  a += b; d = rotl32(d ^ a, 16);          \
  c += d; b = rotl32(b ^ c, 12);          \
  a += b; d = rotl32(d ^ a, 8);           \
  c += d; b = rotl32(b ^ c, 7);

#ifdef SM_NV_SHFL
// Value of v in work-item `src` (0..3) of this group of four.
inline uint lane4_get(uint v, uint src) {
  uint r;
  asm volatile("shfl.sync.idx.b32 %0, %1, %2, 0x1c1f, 0xffffffff;" : "=r"(r) : "r"(v), "r"(src));
  return r;
}

inline uint bcast0(uint v, uint k, __local uint* xl) { return lane4_get(v, 0); }

inline int warp_any(int p) {
  uint r;
  asm volatile(
      "{\n\t.reg .pred p1, p2;\n\tsetp.ne.u32 p1, %1, 0;\n\t"
      "vote.sync.any.pred p2, p1, 0xffffffff;\n\tselp.u32 %0, 1, 0, p2;\n\t}"
      : "=r"(r)
      : "r"((uint)p));
  return r;
}

// Rows b, c, d from work-items k+ob, k+oc, k+od.
inline void rotate_rows(uint* b, uint* c, uint* d, uint ob, uint oc, uint od, uint parity,
                        uint k, __local uint* xl) {
  *b = lane4_get(*b, (k + ob) & 3);
  *c = lane4_get(*c, (k + oc) & 3);
  *d = lane4_get(*d, (k + od) & 3);
}
#else
// Exchanges alternate between two local buffers, so one barrier per exchange suffices: a
// buffer is rewritten only after the barrier of the exchange in between.
inline void rotate_rows(uint* b, uint* c, uint* d, uint ob, uint oc, uint od, uint parity,
                        uint k, __local uint* xl) {
  const uint lid = get_local_id(0), g = lid & ~3u;
  __local uint* buf = xl + parity * 3 * ROMIX_WG;
  buf[lid] = *b;
  buf[ROMIX_WG + lid] = *c;
  buf[2 * ROMIX_WG + lid] = *d;
  barrier(CLK_LOCAL_MEM_FENCE);
  *b = buf[g + ((k + ob) & 3)];
  *c = buf[ROMIX_WG + g + ((k + oc) & 3)];
  *d = buf[2 * ROMIX_WG + g + ((k + od) & 3)];
}

// Value of v in work-item 0 of this group of four (slots after the two exchange buffers).
inline uint bcast0(uint v, uint k, __local uint* xl) {
  const uint lid = get_local_id(0);
  __local uint* slot = xl + 6 * ROMIX_WG + (lid >> 2);
  if (k == 0) *slot = v;
  barrier(CLK_LOCAL_MEM_FENCE);
  return *slot;
}
#endif

// chacha20/8(block) + block for this work-item's column of the block.
inline uint4 chacha8_column(uint4 v, uint k, __local uint* xl) {
  uint a = v.s0, b = v.s1, c = v.s2, d = v.s3;
#ifdef SM_NV_SHFL
#pragma unroll
#endif
  for (int i = 0; i < 4; ++i) {
    CHACHA_QR1(a, b, c, d)
    rotate_rows(&b, &c, &d, 1, 2, 3, 0, k, xl);  // diagonals become columns
    CHACHA_QR1(a, b, c, d)
    rotate_rows(&b, &c, &d, 3, 2, 1, 1, k, xl);
  }
  return (uint4)(a, b, c, d) + v;
}

__kernel __attribute__((reqd_work_group_size(ROMIX_WG, 1, 1)))
void romix(__global uint* xbuf, uint lanes, uint labels_per_buf, SCRATCH_PARAMS) {
  const uint label = get_global_id(0) >> 2, k = get_global_id(0) & 3;
#ifdef SM_NV_SHFL
  __local uint xl[1];
#else
  __local uint xl[6 * ROMIX_WG + ROMIX_WG / 4];
#endif
  ulong stride;
  __global uint4* v = scratch_base(label, lanes, labels_per_buf, &stride, SCRATCH_ARGS) + k;
  __global uint* in = xbuf + (size_t)label * 32 + k;
  uint4 x0 = (uint4)(in[0], in[4], in[8], in[12]);
  uint4 x1 = (uint4)(in[16], in[20], in[24], in[28]);

  // Phase 1: V[i] = X; X = BlockMix(X), storing every LOOKUP_GAP-th entry.
  for (uint i = 0; i < SCRYPT_N; ++i) {
    if (i % LOOKUP_GAP == 0) {
      __global uint4* e = v + (i / LOOKUP_GAP) * stride;
      e[0] = x0;
      e[4] = x1;
    }
    x0 = chacha8_column(x0 ^ x1, k, xl);
    x1 = chacha8_column(x1 ^ x0, k, xl);
  }

  // Phase 2: N times X = BlockMix(X ^ V[Integerify(X) mod N]); word 0 of block 1 is in k = 0.
#if LOOKUP_GAP == 1
  for (uint i = 0; i < SCRYPT_N; ++i) {
    __global const uint4* e = v + (bcast0(x1.s0, k, xl) & (SCRYPT_N - 1)) * stride;
    x0 ^= e[0];
    x1 ^= e[4];
    x0 = chacha8_column(x0 ^ x1, k, xl);
    x1 = chacha8_column(x1 ^ x0, k, xl);
  }
#else
  // One BlockMix per pass, recomputing V[j] (r > 0 steps left) or the main step; a group leaves
  // the loop only when its whole warp (shuffles) or work-group (barriers) is done.
#ifndef SM_NV_SHFL
  __local int any_left[3];  // rotating flags: reset two passes ahead of use
  const uint lid = get_local_id(0);
  if (lid == 0) any_left[0] = any_left[1] = any_left[2] = 0;
  barrier(CLK_LOCAL_MEM_FENCE);
  uint flag = 0;
#endif
  const uint j = bcast0(x1.s0, k, xl) & (SCRYPT_N - 1);
  uint r = j % LOOKUP_GAP;
  __global const uint4* e = v + (j / LOOKUP_GAP) * stride;
  uint4 w0 = e[0], w1 = e[4];
  for (uint done = 0;;) {
    const int active = done < SCRYPT_N;
#ifdef SM_NV_SHFL
    if (!warp_any(active)) break;
#else
    const uint next_flag = (flag == 2) ? 0 : flag + 1;
    if (lid == 0) any_left[next_flag] = 0;
    if (active) any_left[flag] = 1;
    barrier(CLK_LOCAL_MEM_FENCE);
    const int any = any_left[flag];
    flag = next_flag;
    if (!any) break;
#endif
    const int main_step = active && r == 0;
    const uint4 keep = main_step ? (uint4)0xffffffffu : (uint4)0;
    uint4 t0 = w0 ^ (x0 & keep), t1 = w1 ^ (x1 & keep);
    t0 = chacha8_column(t0 ^ t1, k, xl);
    t1 = chacha8_column(t1 ^ t0, k, xl);
    const uint next_j = bcast0(t1.s0, k, xl) & (SCRYPT_N - 1);
    // Selects rather than branches: PoCL mis-compiles divergent updates in this barrier loop.
    uint4 l0 = t0, l1 = t1;
    if (main_step) {
      __global const uint4* ne = v + (next_j / LOOKUP_GAP) * stride;
      l0 = ne[0];
      l1 = ne[4];
    }
    x0 = main_step ? t0 : x0;
    x1 = main_step ? t1 : x1;
    w0 = active ? l0 : w0;
    w1 = active ? l1 : w1;
    done += main_step;
    r = main_step ? next_j % LOOKUP_GAP : r - active;
  }
#endif

  in[0] = x0.s0; in[4] = x0.s1; in[8] = x0.s2; in[12] = x0.s3;
  in[16] = x1.s0; in[20] = x1.s1; in[24] = x1.s2; in[28] = x1.s3;
}

#endif  // ROMIX_LANES == 4
