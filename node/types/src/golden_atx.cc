#include "node/types/golden_atx.h"

#include "post/blake3.h"

namespace node {

base::Hash32 GoldenAtx(LayerClock::TimePoint genesis, const std::string& extra_data) {
  const std::string input = std::to_string(std::chrono::system_clock::to_time_t(genesis)) + extra_data;
  return post::Blake3Hash({{reinterpret_cast<const uint8_t*>(input.data()), input.size()}});
}

}  // namespace node
