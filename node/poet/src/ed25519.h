// The PoET server's own ed25519 needs: its service key, and registration signatures checked the
// way Go's crypto/ed25519.Verify checks them, over the raw prefix || challenge (the PoET does not
// look inside the prefix, so node::wire::Verify, which builds the prefix itself, does not fit).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "base/status.h"

namespace node::poet {

using PrivateKey = std::array<uint8_t, 64>;  // seed || public key, as Go stores it

// A fresh random key pair.
base::Result<PrivateKey> GenerateKey();

// True when `signature` (64 bytes) is pubkey's (32 bytes) signature of `message`; false for
// malformed inputs.
bool VerifyRaw(std::span<const uint8_t> pubkey, std::span<const uint8_t> message, std::span<const uint8_t> signature);

}  // namespace node::poet
