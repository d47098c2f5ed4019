#include "post/random_values.h"

#include <algorithm>
#include <utility>

#include "post/blake3.h"

namespace post {

std::vector<uint64_t> PickRandomValues(std::vector<uint64_t> items, size_t take,
                                       std::initializer_list<std::span<const uint8_t>> seed_parts) {
  Blake3 hasher;
  for (auto part : seed_parts) hasher.Update(part);
  take = std::min(take, items.size());

  uint8_t stream[512];
  size_t stream_pos = sizeof(stream);
  uint64_t stream_offset = 0;
  auto next_u16 = [&] {
    if (stream_pos == sizeof(stream)) {
      hasher.Finalize(stream, stream_offset);
      stream_offset += sizeof(stream);
      stream_pos = 0;
    }
    uint16_t v = uint16_t(stream[stream_pos] | stream[stream_pos + 1] << 8);
    stream_pos += 2;
    return v;
  };

  std::vector<uint64_t> picked;
  picked.reserve(take);
  for (size_t i = 0; i < take; ++i) {
    const uint32_t remaining = uint32_t(items.size() - i);
    const uint32_t max_allowed = 65535 - 65535 % remaining;
    uint32_t r;
    do r = next_u16();
    while (r >= max_allowed);
    std::swap(items[i], items[i + r % remaining]);
    picked.push_back(items[i]);
  }
  return picked;
}

}  // namespace post
