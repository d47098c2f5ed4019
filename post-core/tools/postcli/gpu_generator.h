// Label generators for postcli's -provider: the CPU kernels or an OpenCL device.
#pragma once

#include <memory>

#include "post/initialize.h"

namespace postcli {

struct GeneratorOptions {
  uint32_t threads = 0;     // CPU
  uint32_t lookup_gap = 0;  // OpenCL, 0 = auto
  uint32_t lanes = 0;       // OpenCL, 0 = auto
};

// provider == 4294967295 is the CPU; any other id an OpenCL device as -printProviders lists.
post::Result<std::unique_ptr<post::LabelGenerator>> MakeGenerator(uint32_t provider,
                                                                  const post::Hash32& commitment,
                                                                  uint32_t scrypt_n,
                                                                  const GeneratorOptions& options);

}  // namespace postcli
