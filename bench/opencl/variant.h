// A bench variant: initializer options written as "key=value,..." on the command line.
#pragma once

#include <cstdint>
#include <string>

#include "sm/opencl/initializer.h"

namespace sm::opencl::bench {

struct Variant {
  std::string spec;  // as given
  Options options;
  uint32_t per_cu = 0;  // lanes = per_cu x compute units, when set
  bool vrf = true;      // time with the device VRF search on
};

// Keys: kernel=auto|lane1|lane4-local|lane4-shuffle, lg=G, lanes=L, per_cu=K, wg=W, depth=D,
// wait=callback|sleep, vrf=0|1, mem=<fraction>, opts=<OpenCL build flags>.
base::Result<Variant> ParseVariant(const std::string& spec);

}  // namespace sm::opencl::bench
