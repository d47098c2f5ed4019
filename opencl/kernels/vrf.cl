// VRF nonce candidate of a batch: the smallest full 32-byte output, compared as a big-endian
// number, strictly below the difficulty; ties go to the lower index. One work-group of VRF_WG.

inline uint bswap32(uint x) { return rotate(x & 0x00ff00ffu, 24u) | rotate(x & 0xff00ff00u, 8u); }

// a < b over 8 big-endian words (a 256-bit big-endian number).
inline int less256(const uint* a, const uint* b) {
  for (int i = 0; i < 8; ++i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return 0;
}

// Candidate order: smaller value first, then lower index (none = 0xffffffff comes last).
inline int vrf_before(const uint* a, uint ia, const uint* b, uint ib) {
  return less256(a, b) || (!less256(b, a) && ia < ib);
}

// difficulty: the 32 bytes as 8 big-endian words. result: index (0xffffffff = none), 8 words.
__kernel __attribute__((reqd_work_group_size(VRF_WG, 1, 1)))
void vrf_min(__global const uint* full, uint count, uint8 difficulty, __global uint* result) {
  __local uint words[8 * VRF_WG];
  __local uint index[VRF_WG];
  const uint lid = get_local_id(0);
  uint best[8] = {difficulty.s0, difficulty.s1, difficulty.s2, difficulty.s3,
                  difficulty.s4, difficulty.s5, difficulty.s6, difficulty.s7};
  uint best_index = 0xffffffffu;
  for (uint i = lid; i < count; i += VRF_WG) {
    uint c[8];
    for (int w = 0; w < 8; ++w) c[w] = bswap32(full[(size_t)i * 8 + w]);
    if (less256(c, best)) {  // strictly below the difficulty and the best so far
      for (int w = 0; w < 8; ++w) best[w] = c[w];
      best_index = i;
    }
  }
  for (int w = 0; w < 8; ++w) words[w * VRF_WG + lid] = best[w];
  index[lid] = best_index;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (uint width = VRF_WG / 2; width > 0; width >>= 1) {
    if (lid < width) {
      uint other[8];
      for (int w = 0; w < 8; ++w) other[w] = words[w * VRF_WG + lid + width];
      const uint other_index = index[lid + width];
      if (vrf_before(other, other_index, best, best_index)) {
        for (int w = 0; w < 8; ++w) {
          best[w] = other[w];
          words[w * VRF_WG + lid] = other[w];
        }
        best_index = other_index;
        index[lid] = other_index;
      }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  if (lid == 0) {
    result[0] = best_index;
    for (int w = 0; w < 8; ++w) result[1 + w] = best[w];
  }
}
