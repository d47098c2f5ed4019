// The golden ATX: the network's root ATX id, BLAKE3(decimal unix genesis seconds || extra data)
// as the reference computes it (mainnet: 9eebff02...2865). Highest answers it while there is
// no ATX yet, so postcli gets a commitment ATX on a new network.
#pragma once

#include <string>

#include "base/bytes.h"
#include "node/types/clock.h"

namespace node {

base::Hash32 GoldenAtx(LayerClock::TimePoint genesis, const std::string& extra_data);

}  // namespace node
