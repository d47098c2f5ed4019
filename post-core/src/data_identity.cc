#include "post/data_identity.h"

#include "post/identity.h"

namespace post {

base::Result<DataIdentity> ResolveDataIdentity(const std::filesystem::path& dir, const DataIdentityRequest& request) {
  const std::filesystem::path key_file = dir / kIdentityKeyFileName;
  const bool has_meta = std::filesystem::exists(dir / kMetadataFileName);
  std::optional<PostMetadata> existing;
  if (has_meta) {
    auto loaded = LoadMetadata(dir);
    if (!loaded.ok()) return loaded.status();
    existing = *loaded;
  }
  std::optional<base::Hash32> id = request.node_id;
  bool created = false;
  if (std::filesystem::exists(key_file)) {
    auto key = LoadIdentityKey(key_file);
    if (!key.ok()) return key.status();
    if (id && *id != key->node_id()) {
      return base::Status::InvalidArgument("node id " + base::ToHex(*id) + " does not match " + key_file.string());
    }
    id = key->node_id();
  }
  if (existing) {
    if (id && *id != existing->node_id) {
      return base::Status::InvalidArgument("node id " + base::ToHex(*id) + " does not match the metadata's " +
                                           base::ToHex(existing->node_id));
    }
    id = existing->node_id;
  }
  if (!id) {
    if (!request.may_create_key) {
      return base::Status::InvalidArgument("no node id given, and " + dir.string() +
                                           " has neither identity.key nor metadata");
    }
    auto key = GenerateIdentity();
    if (!key.ok()) return key.status();
    if (base::Status s = SaveIdentityKey(key_file, *key); !s.ok()) return s;
    id = key->node_id();
    created = true;
  }
  DataIdentity out{*id, {}, created};
  if (request.commitment_atx_id) {
    out.commitment_atx_id = *request.commitment_atx_id;
  } else if (existing) {
    out.commitment_atx_id = existing->commitment_atx_id;
  } else {
    return base::Status::InvalidArgument("a commitment ATX id is required to initialize a new directory");
  }
  return out;
}

base::Status CheckIdentityKey(const std::filesystem::path& dir, const PostMetadata& meta) {
  const std::filesystem::path key_file = dir / kIdentityKeyFileName;
  if (!std::filesystem::exists(key_file)) return base::Status::Ok();
  auto key = LoadIdentityKey(key_file);
  if (!key.ok()) return key.status();
  if (key->node_id() != meta.node_id) {
    return base::Status::InvalidArgument(key_file.string() + " does not match the metadata's NodeId");
  }
  return base::Status::Ok();
}

}  // namespace post
