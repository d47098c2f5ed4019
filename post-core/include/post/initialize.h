// Initialization: writes the labels of a data layout to postdata_N.bin files in order, finds
// the VRF nonce (the smallest full label below the VRF difficulty), and resumes an
// interrupted run to byte-identical output.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/status.h"
#include "post/layout.h"
#include "post/metadata.h"

namespace post {

struct VrfNonce {
  uint64_t index = 0;
  FullLabel label{};
};

// A source of labels: post-core's CPU kernels or a GPU provider.
class LabelGenerator {
 public:
  virtual ~LabelGenerator() = default;
  // Writes labels [first, first + count) to `labels` (16 bytes each) and sets *best to the
  // smallest full label strictly below `below` among them, if any (else leaves it empty).
  virtual base::Status Generate(uint64_t first, size_t count, uint8_t* labels, const FullLabel& below,
                                std::optional<VrfNonce>* best) = 0;
  // Labels per call that keep the generator busy for about a second.
  virtual size_t BatchLabels() const = 0;
  virtual std::string Name() const = 0;
};

// The CPU generator: `threads` threads (0 = all cores) of the widest SIMD kernel.
std::unique_ptr<LabelGenerator> MakeCpuGenerator(const base::Hash32& commitment, uint32_t scrypt_n, uint32_t threads);

// The smaller of two candidates (big-endian label compare, then lower index).
std::optional<VrfNonce> BetterNonce(const std::optional<VrfNonce>& a, const std::optional<VrfNonce>& b);

// Stores `nonce` in the metadata: its index and the first 16 bytes of its label.
void RecordVrfNonce(const VrfNonce& nonce, PostMetadata* meta);

struct InitProgress {
  uint64_t file = 0;             // file being written
  uint64_t labels_done = 0;      // in the requested range, including resumed ones
  uint64_t labels_total = 0;     // in the requested range
  uint64_t labels_computed = 0;  // by this run
};

class InitObserver {
 public:
  virtual ~InitObserver() = default;
  virtual void Progress(const InitProgress& progress) {}
};

struct InitRequest {
  PostMetadata layout;  // ids, labels per unit, units, max file size (nonce ignored)
  uint32_t scrypt_n = 8192;
  std::optional<FileRange> range;  // default: every file
};

// Initializes `dir` for `request` with `generator`. Existing metadata must describe the same
// layout; existing files are resumed from their length. Returns the final metadata (with the
// nonce when one was found; a whole-layout run keeps searching past the data until one is).
base::Result<PostMetadata> Initialize(const std::filesystem::path& dir, const InitRequest& request,
                                      LabelGenerator& generator, InitObserver* observer = nullptr,
                                      const std::atomic<bool>* stop = nullptr);

}  // namespace post
