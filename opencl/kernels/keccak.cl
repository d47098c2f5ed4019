// Keccak-f[1600] and HMAC/PBKDF2 over Keccak-512 with the original Keccak padding (0x01 .. 0x80,
// rate 72 bytes), as scrypt-jane uses them. Lanes are 64-bit little-endian words.

#define KECCAK_RATE_LANES 9

__constant ulong kKeccakRoundConstants[24] = {
    0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
    0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
    0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
    0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
    0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
    0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL};

// Rotation offsets (rho) of lane x + 5y.
__constant uint kKeccakRho[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                                  25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};

void keccak_f(ulong* s) {
  for (int round = 0; round < 24; ++round) {
    ulong c[5], b[25];
#pragma unroll
    for (int x = 0; x < 5; ++x) c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
#pragma unroll
    for (int x = 0; x < 5; ++x) {
      const ulong d = c[(x + 4) % 5] ^ rotate(c[(x + 1) % 5], 1UL);
#pragma unroll
      for (int y = 0; y < 25; y += 5) s[x + y] ^= d;
    }
    // rho and pi: lane (x, y) moves to (y, 2x + 3y).
#pragma unroll
    for (int i = 0; i < 25; ++i) {
      const int x = i % 5, y = i / 5;
      b[y + 5 * ((2 * x + 3 * y) % 5)] = rotate(s[i], (ulong)kKeccakRho[i]);
    }
    // chi
#pragma unroll
    for (int y = 0; y < 25; y += 5) {
#pragma unroll
      for (int x = 0; x < 5; ++x) s[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
    }
    s[0] ^= kKeccakRoundConstants[round];
  }
}

// Absorbs one full 72-byte block.
void keccak_absorb(ulong* s, const ulong* m) {
#pragma unroll
  for (int i = 0; i < KECCAK_RATE_LANES; ++i) s[i] ^= m[i];
  keccak_f(s);
}

// Sponge states after absorbing key ^ ipad and key ^ opad; the 72-byte password is the HMAC key
// (exactly one block, so no key hashing or padding is involved).
void hmac_keys(const ulong* key, ulong* inner, ulong* outer) {
  ulong m[KECCAK_RATE_LANES];
#pragma unroll
  for (int i = 0; i < 25; ++i) inner[i] = outer[i] = 0;
#pragma unroll
  for (int i = 0; i < KECCAK_RATE_LANES; ++i) m[i] = key[i] ^ 0x3636363636363636UL;
  keccak_absorb(inner, m);
#pragma unroll
  for (int i = 0; i < KECCAK_RATE_LANES; ++i) m[i] = key[i] ^ 0x5c5c5c5c5c5c5c5cUL;
  keccak_absorb(outer, m);
}

// HMAC outer pass: out = Keccak-512(key ^ opad || inner digest); `s` holds the inner digest
// in lanes 0..7 on entry and the result on return.
void hmac_finish(const ulong* outer, ulong* s) {
  ulong m[KECCAK_RATE_LANES];
#pragma unroll
  for (int i = 0; i < 8; ++i) m[i] = s[i];
  m[8] = 0x8000000000000001UL;  // 0x01 right after the 64-byte digest, 0x80 in the last byte
#pragma unroll
  for (int i = 0; i < 25; ++i) s[i] = outer[i];
  keccak_absorb(s, m);
}

// The scrypt password: commitment (32 bytes) || u64_le(index) || 32 zero bytes.
void password(ulong4 commitment, ulong index, ulong* key) {
  key[0] = commitment.s0;
  key[1] = commitment.s1;
  key[2] = commitment.s2;
  key[3] = commitment.s3;
  key[4] = index;
  key[5] = key[6] = key[7] = key[8] = 0;
}

// X = PBKDF2(password, empty salt, 1, 128 bytes): 32 little-endian words per label in xbuf.
__kernel void pbkdf2_in(ulong4 commitment, ulong first_index, __global uint* xbuf) {
  const size_t gid = get_global_id(0);
  ulong key[KECCAK_RATE_LANES], inner[25], outer[25];
  password(commitment, first_index + gid, key);
  hmac_keys(key, inner, outer);
  __global uint* out = xbuf + gid * 32;
  for (uint block = 1; block <= 2; ++block) {
    ulong s[25], m[KECCAK_RATE_LANES];
#pragma unroll
    for (int i = 0; i < 25; ++i) s[i] = inner[i];
    // Message = u32_be(block), then padding 0x01 .. 0x80.
    m[0] = ((ulong)block << 24) | (1UL << 32);
    m[1] = m[2] = m[3] = m[4] = m[5] = m[6] = m[7] = 0;
    m[8] = 0x8000000000000000UL;
    keccak_absorb(s, m);
    hmac_finish(outer, s);
#pragma unroll
    for (int i = 0; i < 8; ++i) {
      out[(block - 1) * 16 + 2 * i] = (uint)s[i];
      out[(block - 1) * 16 + 2 * i + 1] = (uint)(s[i] >> 32);
    }
  }
}

// out = PBKDF2(password, X, 1, 32 bytes): the stored label is the first 16 bytes.
__kernel void pbkdf2_out(ulong4 commitment, ulong first_index, __global const uint* xbuf,
                         __global uint4* labels, __global uint8* full) {
  const size_t gid = get_global_id(0);
  ulong key[KECCAK_RATE_LANES], inner[25], outer[25], m[KECCAK_RATE_LANES];
  password(commitment, first_index + gid, key);
  hmac_keys(key, inner, outer);
  __global const uint* x = xbuf + gid * 32;
  // Message = X (128 bytes) || u32_be(1): one full block, then 56 bytes + counter + padding.
#pragma unroll
  for (int i = 0; i < KECCAK_RATE_LANES; ++i) m[i] = (ulong)x[2 * i] | ((ulong)x[2 * i + 1] << 32);
  keccak_absorb(inner, m);
#pragma unroll
  for (int i = 0; i < 7; ++i) m[i] = (ulong)x[18 + 2 * i] | ((ulong)x[19 + 2 * i] << 32);
  m[7] = (1UL << 24) | (1UL << 32);
  m[8] = 0x8000000000000000UL;
  keccak_absorb(inner, m);
  hmac_finish(outer, inner);
  const uint8 out = (uint8)((uint)inner[0], (uint)(inner[0] >> 32), (uint)inner[1],
                            (uint)(inner[1] >> 32), (uint)inner[2], (uint)(inner[2] >> 32),
                            (uint)inner[3], (uint)(inner[3] >> 32));
  labels[gid] = out.lo;
  full[gid] = out;
}
