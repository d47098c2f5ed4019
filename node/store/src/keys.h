// Key layout of the state store. Tables are key prefixes; ids are the raw 32 bytes and epochs
// big-endian u32, so RocksDB's byte order is epoch order:
//   post/<id>  challenge/<id>  poet/<id>/<address>  nipost/<id>  atx/<atx id>
//   atx_by_node/<id>/<epoch> -> atx id      atx_by_epoch/<epoch>/<atx id> -> tick height
//   poet_proof/<ref> -> SCALE PoetProofMessage
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"

namespace node::store {

// A key's bytes and a printable name for error messages (ids in hex, epochs in decimal).
struct Key {
  std::string bytes;
  std::string name;
};

Key PostKey(const base::Hash32& node_id);
Key ChallengeKey(const base::Hash32& node_id);
Key PoetKey(const base::Hash32& node_id, std::string_view address);
Key PoetPrefix(const base::Hash32& node_id);  // "poet/<id>/": one identity's registrations
Key NipostKey(const base::Hash32& node_id);
Key AtxKey(const base::Hash32& atx_id);
Key AtxPrefix();  // "atx/": every ATX
Key PoetProofKey(const base::Hash32& ref);
Key PoetProofPrefix();  // "poet_proof/"
Key AtxByNodeKey(const base::Hash32& node_id, uint32_t epoch);
Key AtxByNodePrefix(const base::Hash32& node_id);  // "atx_by_node/<id>/": one identity's ATXs
Key AtxByEpochKey(uint32_t epoch, const base::Hash32& atx_id);
Key AtxByEpochPrefix();                // "atx_by_epoch/": the whole index
Key AtxByEpochPrefix(uint32_t epoch);  // "atx_by_epoch/<epoch>/": from that epoch on

// The smallest key after every key that starts with `prefix` (an iterator's upper bound).
std::string PrefixEnd(std::string_view prefix);

// The address of a poet/<id>/<address> key under `prefix` = PoetPrefix(id).
std::string PoetAddress(std::string_view key, const Key& prefix);

// The parts of an atx_by_epoch key; nullopt when it has another shape.
struct EpochEntry {
  uint32_t epoch = 0;
  base::Hash32 atx_id{};
};
std::optional<EpochEntry> ParseAtxByEpochKey(std::string_view key);

// A name for a key of unknown shape: its table prefix and the rest in hex.
std::string UnknownKeyName(std::string_view key);

}  // namespace node::store
