// Startup checks of the PoS data directory: metadata present and valid, num_units within the
// network's range, every data file present with its expected size, and k1 usable.
#pragma once

#include "base/status.h"
#include "post/metadata.h"
#include "post_service/config.h"

namespace post_service {

// Loads and checks `config.dir`; each error says what is wrong and what to do.
base::Result<post::PostMetadata> LoadDataDir(const ServiceConfig& config);

}  // namespace post_service
