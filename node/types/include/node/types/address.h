// Spacemesh account addresses: 24 bytes (4 reserved zero bytes + 20), bech32 with the network's
// prefix ("sm" on mainnet, "standalone" here).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace node {

using Address = std::array<uint8_t, 24>;
inline constexpr size_t kAddressReservedBytes = 4;  // must be zero

// Decodes bech32 (not bech32m; no length limit, as go-spacemesh's StringToAddress) and checks,
// in the reference's order: checksum, length, `hrp`, the reserved bytes. InvalidArgument otherwise.
base::Result<Address> ParseAddress(const std::string& text, const std::string& hrp);
// The bech32 text; `hrp` must be lower case.
std::string FormatAddress(const Address& address, const std::string& hrp);

}  // namespace node
