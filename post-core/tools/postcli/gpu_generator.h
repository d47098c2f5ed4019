// Label generators for postcli's -provider: the CPU kernels or an OpenCL device.
#pragma once

#include <memory>

#include "post/initialize.h"

namespace postcli {

// provider == 4294967295 is the CPU; any other id an OpenCL device as -printProviders lists.
post::Result<std::unique_ptr<post::LabelGenerator>> MakeGenerator(uint32_t provider,
                                                                  const post::Hash32& commitment,
                                                                  uint32_t scrypt_n, uint32_t threads);

}  // namespace postcli
