// Which identity a data directory belongs to, settled from what the caller asks for, the
// directory's metadata and its identity.key (postcli keeps the key beside the data).
#pragma once

#include <filesystem>
#include <optional>

#include "base/bytes.h"
#include "base/status.h"
#include "post/metadata.h"

namespace post {

inline constexpr const char* kIdentityKeyFileName = "identity.key";

struct DataIdentity {
  base::Hash32 node_id{};
  base::Hash32 commitment_atx_id{};
  bool created_key = false;  // identity.key was made by this call
};

struct DataIdentityRequest {
  std::optional<base::Hash32> node_id;            // asked for explicitly
  std::optional<base::Hash32> commitment_atx_id;  // asked for explicitly
  bool may_create_key = true;                     // a directory with no id anywhere gets a new identity.key
};

// The node id must agree between the request, identity.key and the metadata (whichever exist);
// with none of them a new key is created (if allowed). The commitment comes from the request,
// else the metadata; a new directory needs one. Errors say which two sources disagree.
base::Result<DataIdentity> ResolveDataIdentity(const std::filesystem::path& dir, const DataIdentityRequest& request);

// OK when `dir` has no identity.key or one whose public key is the metadata's node id.
base::Status CheckIdentityKey(const std::filesystem::path& dir, const PostMetadata& meta);

}  // namespace post
