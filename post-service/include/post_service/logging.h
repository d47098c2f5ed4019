// Leveled logs on stderr (where the node's supervisor reads them). The level comes from
// RUST_LOG as with the reference (trace, debug, info, warn, error, off; default info).
#pragma once

#include "base/bytes.h"

namespace post_service {

void SetupLogging();

// From now on every line carries the first 8 hex digits of the node id: one identity per
// service, many services per machine. Never logs secrets (keys never reach the service).
void SetLogIdentity(const base::Hash32& node_id);

}  // namespace post_service
