// post-core's LabelGenerator for a provider id as -printProviders lists them: the CPU kernels
// or an OpenCL device. Used by postcli's -provider and by the node's supervised initialization.
#pragma once

#include <memory>

#include "post/initialize.h"

namespace sm::opencl {

struct GeneratorOptions {
  uint32_t threads = 0;     // CPU
  uint32_t lookup_gap = 0;  // OpenCL, 0 = auto
  uint32_t lanes = 0;       // OpenCL, 0 = auto
};

// provider == 4294967295 is the CPU; any other id an OpenCL device as -printProviders lists.
base::Result<std::unique_ptr<post::LabelGenerator>> MakeGenerator(uint32_t provider, const base::Hash32& commitment,
                                                                  uint32_t scrypt_n, const GeneratorOptions& options);

}  // namespace sm::opencl
