// Ed25519 signatures as go-spacemesh makes them (reference/activation.md §3.2): the signed message
// is GenesisID (20 bytes) || domain byte || payload, so a signature is valid on one network and for
// one purpose only.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/bytes.h"
#include "base/status.h"

namespace node::wire {

using Hash20 = std::array<uint8_t, 20>;
using Signature = std::array<uint8_t, 64>;

// The reference's signing domains used by the activation cycle (GS signing/signer.go).
enum class Domain : uint8_t {
  kAtx = 0x00,   // ATX metadata (publish epoch, ATX id)
  kPoet = 0x04,  // a PoET registration's challenge
};

// The network's signature prefix: the first 20 bytes of
// blake3(decimal genesis unix seconds || extra data), i.e. of the golden ATX id.
Hash20 GenesisId(int64_t genesis_unix_seconds, std::string_view extra_data);

// The public key (node id) of a 64-byte private key (seed || public key); InvalidArgument when the
// second half is not the seed's public key.
base::Result<base::Hash32> PublicKeyOf(std::span<const uint8_t, 64> private_key);

// Signs genesis_id || domain || message (deterministic RFC 8032 ed25519).
base::Result<Signature> Sign(std::span<const uint8_t, 64> private_key, const Hash20& genesis_id, Domain domain,
                             std::span<const uint8_t> message);

// Plain RFC 8032 verification of `signature` (64 bytes) by `public_key` (32 bytes) over `message`,
// as Go's crypto/ed25519.Verify (the PoET's check of raw prefix || challenge); false for malformed input.
bool VerifyRaw(std::span<const uint8_t> public_key, std::span<const uint8_t> message,
               std::span<const uint8_t> signature);
// Verifies a signature made by Sign. Besides OpenSSL's check it rejects public keys that
// curve25519-voi's default options reject: non-canonical encodings and small-order points.
bool Verify(const base::Hash32& public_key, const Hash20& genesis_id, Domain domain, std::span<const uint8_t> message,
            const Signature& signature);

}  // namespace node::wire
