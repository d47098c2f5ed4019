// postdata_metadata.json: the description of one PoS data directory (reference/post.md §1.2).
// Reads both the Rust flavour (null Nonce/LastPosition, no NonceValue) and the Go flavour
// (omitted fields, hex NonceValue); writes a file both reference implementations read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/status.h"
#include "post/label.h"

namespace post {

inline constexpr const char* kMetadataFileName = "postdata_metadata.json";

// The metadata of one data directory; sizes follow the reference split rule (post.md §1.1).
struct PostMetadata {
  base::Hash32 node_id{};
  base::Hash32 commitment_atx_id{};
  uint64_t labels_per_unit = 0;
  uint32_t num_units = 0;
  uint64_t max_file_size = 0;             // bytes per data file, a multiple of 16
  std::optional<uint64_t> nonce;          // VRF nonce index; may be >= total_labels()
  std::optional<Label> nonce_value;       // label at `nonce` (Go only writes it)
  std::optional<uint64_t> last_position;  // Go's continued nonce search progress

  // labels_per_unit * num_units.
  uint64_t total_labels() const;
  // max_file_size / 16: labels in every file but possibly the last.
  uint64_t labels_per_file() const;
  // ceil(total_bytes() / max_file_size), in exact integer arithmetic.
  uint64_t num_files() const;
  // Labels stored in `file`: full files, the remainder in the last one, 0 past the end.
  uint64_t labels_in_file(uint64_t file) const;
  // total_labels() * 16.
  uint64_t total_bytes() const;

  bool operator==(const PostMetadata&) const = default;
};

// Reads and validates <dir>/postdata_metadata.json; errors name the file and the key.
base::Result<PostMetadata> LoadMetadata(const std::filesystem::path& dir);

// Parses and validates metadata JSON; `context` (usually the file path) prefixes every error.
base::Result<PostMetadata> ParseMetadata(std::string_view json, std::string_view context);

// Rust-compatible pretty JSON (2-space indent, null for unknown Nonce/LastPosition), plus a
// hex NonceValue when known (Go's extension, ignored by Rust).
std::string SerializeMetadata(const PostMetadata& meta);

// Atomically replaces <dir>/postdata_metadata.json: temp file in `dir`, fsync, rename, fsync dir.
base::Status SaveMetadata(const std::filesystem::path& dir, const PostMetadata& meta);

// Go's resume rules: identity, labels per unit and file size must match, and the data may
// not grow (wanted.num_units <= existing.num_units). Errors name the field and both values.
base::Status CheckCompatible(const PostMetadata& existing, const PostMetadata& wanted);

}  // namespace post
