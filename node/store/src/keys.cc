#include "keys.h"

#include <cstring>

namespace node::store {
namespace {

constexpr std::string_view kAtxByEpoch = "atx_by_epoch/";

std::string Raw(const base::Hash32& id) { return std::string(reinterpret_cast<const char*>(id.data()), id.size()); }

std::string BigEndian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

Key ById(const char* table, const base::Hash32& id) {
  return {std::string(table) + "/" + Raw(id), std::string(table) + "/" + base::ToHex(id)};
}

}  // namespace

Key PostKey(const base::Hash32& node_id) { return ById("post", node_id); }
Key ChallengeKey(const base::Hash32& node_id) { return ById("challenge", node_id); }
Key NipostKey(const base::Hash32& node_id) { return ById("nipost", node_id); }
Key AtxKey(const base::Hash32& atx_id) { return ById("atx", atx_id); }
Key AtxPrefix() { return {"atx/", "atx/"}; }
Key PoetProofKey(const base::Hash32& ref) { return ById("poet_proof", ref); }
Key PoetProofPrefix() { return {"poet_proof/", "poet_proof/"}; }

Key PoetPrefix(const base::Hash32& node_id) {
  Key k = ById("poet", node_id);
  k.bytes += '/';
  k.name += '/';
  return k;
}

Key PoetKey(const base::Hash32& node_id, std::string_view address) {
  Key k = PoetPrefix(node_id);
  k.bytes += address;
  k.name += address;
  return k;
}

Key AtxByNodePrefix(const base::Hash32& node_id) {
  Key k = ById("atx_by_node", node_id);
  k.bytes += '/';
  k.name += '/';
  return k;
}

Key AtxByNodeKey(const base::Hash32& node_id, uint32_t epoch) {
  Key k = AtxByNodePrefix(node_id);
  k.bytes += BigEndian(epoch);
  k.name += std::to_string(epoch);
  return k;
}

Key AtxByEpochPrefix() { return {std::string(kAtxByEpoch), std::string(kAtxByEpoch)}; }

Key AtxByEpochPrefix(uint32_t epoch) {
  const std::string table(kAtxByEpoch);
  return {table + BigEndian(epoch) + "/", table + std::to_string(epoch) + "/"};
}

Key AtxByEpochKey(uint32_t epoch, const base::Hash32& atx_id) {
  Key k = AtxByEpochPrefix(epoch);
  k.bytes += Raw(atx_id);
  k.name += base::ToHex(atx_id);
  return k;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<uint8_t>(end.back()) + 1);
  return end;
}

std::string PoetAddress(std::string_view key, const Key& prefix) {
  return std::string(key.substr(prefix.bytes.size()));
}

std::optional<EpochEntry> ParseAtxByEpochKey(std::string_view key) {
  if (!key.starts_with(kAtxByEpoch) || key.size() != kAtxByEpoch.size() + 4 + 1 + 32) return std::nullopt;
  const auto* p = reinterpret_cast<const uint8_t*>(key.data() + kAtxByEpoch.size());
  EpochEntry entry;
  entry.epoch = uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
  if (p[4] != '/') return std::nullopt;
  std::memcpy(entry.atx_id.data(), p + 5, 32);
  return entry;
}

std::string UnknownKeyName(std::string_view key) {
  const size_t slash = key.find('/');
  const size_t rest = slash == std::string_view::npos ? 0 : slash + 1;
  return std::string(key.substr(0, rest)) +
         base::ToHex({reinterpret_cast<const uint8_t*>(key.data()) + rest, key.size() - rest});
}

}  // namespace node::store
