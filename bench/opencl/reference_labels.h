// Known labels for the bench's correctness check (embedded: the GPU box has no test vectors).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sm::opencl::bench {

struct ReferenceLabel {
  std::string case_name;
  std::string commitment_hex;
  uint64_t index;
  std::string full_hex;  // the 32-byte scrypt output
};

const std::vector<ReferenceLabel>& ReferenceLabels8192();

}  // namespace sm::opencl::bench
