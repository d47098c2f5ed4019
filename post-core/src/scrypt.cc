#include "post/scrypt.h"

#include <cstring>

#include "keccak.h"
#include "romix.h"

namespace post {

std::vector<uint8_t> ScryptJane(std::span<const uint8_t> password, std::span<const uint8_t> salt, uint64_t n,
                                uint32_t r, uint32_t p, size_t dk_len) {
  const keccak::Hmac hmac(password);
  const size_t block_bytes = romix::kWords * 4 * r;
  std::vector<uint8_t> b(block_bytes * p);
  hmac.Pbkdf2(salt, b);
  std::vector<uint32_t> x(block_bytes / 4);
  std::vector<uint32_t> v(n * x.size());
  for (uint32_t i = 0; i < p; ++i) {
    std::memcpy(x.data(), b.data() + i * block_bytes, block_bytes);
    romix::RomixScalar(x.data(), v.data(), n, r);
    std::memcpy(b.data() + i * block_bytes, x.data(), block_bytes);
  }
  std::vector<uint8_t> out(dk_len);
  hmac.Pbkdf2(b, out);
  return out;
}

}  // namespace post
