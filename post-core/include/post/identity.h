// Identity key files as postcli and the node keep them: the hex of the 64-byte ed25519 private
// key (seed || public key), 128 characters, no newline, mode 0600. The node id is the public key.
#pragma once

#include <array>
#include <filesystem>

#include "base/bytes.h"
#include "base/status.h"

namespace post {

struct Identity {
  std::array<uint8_t, 64> private_key{};  // seed || public key
  base::Hash32 node_id() const;
};

base::Result<Identity> GenerateIdentity();
// Strict: exactly 128 hex characters, and the public half must match the seed.
base::Result<Identity> LoadIdentityKey(const std::filesystem::path& file);
// Creates the file with mode 0600 (its directory 0700 if missing); fails if it exists.
base::Status SaveIdentityKey(const std::filesystem::path& file, const Identity& identity);

}  // namespace post
