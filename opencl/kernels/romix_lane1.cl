// ROMix with one work-item per label: the 128-byte state is eight uint4 rows (block 0 rows
// a, b, c, d, then block 1), so each ChaCha quarter-round step works on four columns at once.

#if ROMIX_LANES == 1

#define CHACHA_QR4(a, b, c, d)                                       \
  a += b; d = rotl32x4(d ^ a, 16);                                   \
  c += d; b = rotl32x4(b ^ c, 12);                                   \
  a += b; d = rotl32x4(d ^ a, 8);                                    \
  c += d; b = rotl32x4(b ^ c, 7);

// r = chacha20/8(r) + r over one 64-byte block held as four rows.
inline void chacha8_rows(uint4* r) {
  uint4 a = r[0], b = r[1], c = r[2], d = r[3];
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    CHACHA_QR4(a, b, c, d)
    b = b.yzwx; c = c.zwxy; d = d.wxyz;  // diagonals become columns
    CHACHA_QR4(a, b, c, d)
    b = b.wxyz; c = c.zwxy; d = d.yzwx;
  }
  r[0] += a; r[1] += b; r[2] += c; r[3] += d;
}

// scrypt BlockMix for r = 1, in place: B0 = H(B0 ^ B1), B1 = H(B1 ^ B0').
inline void blockmix_rows(uint4* x) {
#pragma unroll
  for (int i = 0; i < 4; ++i) x[i] ^= x[i + 4];
  chacha8_rows(x);
#pragma unroll
  for (int i = 0; i < 4; ++i) x[i + 4] ^= x[i];
  chacha8_rows(x + 4);
}

__kernel __attribute__((reqd_work_group_size(ROMIX_WG, 1, 1)))
void romix(__global uint4* xbuf, uint lanes, uint labels_per_buf, SCRATCH_PARAMS) {
  const uint label = get_global_id(0);
  ulong stride;
  __global uint4* v = scratch_base(label, lanes, labels_per_buf, &stride, SCRATCH_ARGS);
  uint4 x[8];
#pragma unroll
  for (int z = 0; z < 8; ++z) x[z] = xbuf[(size_t)label * 8 + z];

  // Phase 1: V[i] = X; X = BlockMix(X), storing every LOOKUP_GAP-th entry.
  for (uint i = 0; i < SCRYPT_N; ++i) {
    if (i % LOOKUP_GAP == 0) {
      __global uint4* e = v + (i / LOOKUP_GAP) * stride;
#pragma unroll
      for (int z = 0; z < 8; ++z) e[z] = x[z];
    }
    blockmix_rows(x);
  }

  // Phase 2: N times X = BlockMix(X ^ V[Integerify(X) mod N]).
#if LOOKUP_GAP == 1
  for (uint i = 0; i < SCRYPT_N; ++i) {
    __global const uint4* e = v + (x[4].x & (SCRYPT_N - 1)) * stride;
#pragma unroll
    for (int z = 0; z < 8; ++z) x[z] ^= e[z];
    blockmix_rows(x);
  }
#else
  // Every pass of the loop is one BlockMix, either recomputing V[j] from the stored entry
  // below it (r > 0 steps left) or the main step, so lanes of a warp never wait on each other.
  uint4 w[8];
  uint j = x[4].x & (SCRYPT_N - 1);
  uint r = j % LOOKUP_GAP;
  __global const uint4* e = v + (j / LOOKUP_GAP) * stride;
#pragma unroll
  for (int z = 0; z < 8; ++z) w[z] = e[z];
  for (uint done = 0; done < SCRYPT_N;) {
    const uint4 keep = (r == 0) ? (uint4)0xffffffffu : (uint4)0;
    uint4 t[8];
#pragma unroll
    for (int z = 0; z < 8; ++z) t[z] = w[z] ^ (x[z] & keep);
    blockmix_rows(t);
    if (r == 0) {
#pragma unroll
      for (int z = 0; z < 8; ++z) x[z] = t[z];
      ++done;
      j = t[4].x & (SCRYPT_N - 1);
      r = j % LOOKUP_GAP;
      e = v + (j / LOOKUP_GAP) * stride;
#pragma unroll
      for (int z = 0; z < 8; ++z) w[z] = e[z];
    } else {
#pragma unroll
      for (int z = 0; z < 8; ++z) w[z] = t[z];
      --r;
    }
  }
#endif

#pragma unroll
  for (int z = 0; z < 8; ++z) xbuf[(size_t)label * 8 + z] = x[z];
}

#endif  // ROMIX_LANES == 1
