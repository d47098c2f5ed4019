// Operations over an initialized data directory that postcli offers: sampled label
// verification, a VRF-nonce search over the stored labels, and merging partial-init directories.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "base/status.h"
#include "post/initialize.h"
#include "post/layout.h"
#include "post/metadata.h"

namespace post {

// Recomputes floor(labels_in_file * percent / 100) random labels (at least one) of each file in
// `range` and compares them with the stored bytes. The error names the file, label and offset.
base::Status VerifyDataSample(const std::filesystem::path& dir, const PostMetadata& meta, uint32_t scrypt_n,
                              double percent, const FileRange& range, uint64_t seed);

// Finds the VRF nonce among the labels stored in `dir`: the smallest full label below the VRF
// difficulty (16-byte prefixes are read from disk; ties on the prefix are recomputed).
base::Result<std::optional<VrfNonce>> SearchNonceInData(const std::filesystem::path& dir, const PostMetadata& meta,
                                                        uint32_t scrypt_n);

// Moves the data files of partial-init directories (same identity and layout, disjoint file
// ranges that together cover every file) into `out` and writes the combined metadata with the
// smallest nonce. Refuses gaps, overlaps, mismatched layouts and incomplete files.
base::Result<PostMetadata> MergeDataDirs(const std::filesystem::path& out,
                                         const std::vector<std::filesystem::path>& parts, uint32_t scrypt_n);

}  // namespace post
