#include "post/initialize.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <vector>

#include "post/difficulty.h"
#include "post/labels.h"

namespace post {
namespace {

base::Status Errno(const std::string& what, const std::filesystem::path& path) {
  return base::Status::IoError(what + " " + path.string() + ": " + std::strerror(errno));
}

// Appends labels to one data file from its current length, keeping the metadata's nonce ahead
// of the bytes on disk: a better nonce is saved before the batch that holds it is written, so a
// crash at any point resumes to the same result.
class FileWriter {
 public:
  static base::Result<FileWriter> Open(const std::filesystem::path& path, uint64_t expected_bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Errno("cannot open", path);
    off_t size = ::lseek(fd, 0, SEEK_END);
    if (size < 0) {
      base::Status failed = Errno("cannot seek", path);
      ::close(fd);
      return failed;
    }
    // Only whole labels count; an over-long file (from another layout) is cut back.
    uint64_t keep = std::min<uint64_t>(uint64_t(size) / 16 * 16, expected_bytes);
    if (uint64_t(size) != keep && ::ftruncate(fd, off_t(keep)) != 0) {
      ::close(fd);
      return Errno("cannot truncate", path);
    }
    return FileWriter(fd, path, keep);
  }
  FileWriter(FileWriter&& o) noexcept : fd_(o.fd_), path_(o.path_), written_(o.written_) { o.fd_ = -1; }
  ~FileWriter() {
    if (fd_ >= 0) ::close(fd_);
  }

  uint64_t written() const { return written_; }

  base::Status Append(const uint8_t* data, size_t len) {
    while (len > 0) {
      ssize_t n = ::pwrite(fd_, data, len, off_t(written_));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Errno("cannot write at offset " + std::to_string(written_) + " of", path_);
      data += n;
      len -= size_t(n);
      written_ += uint64_t(n);
    }
    return base::Status::Ok();
  }

  base::Status Sync() { return ::fsync(fd_) == 0 ? base::Status::Ok() : Errno("cannot fsync", path_); }

 private:
  FileWriter(int fd, std::filesystem::path path, uint64_t written)
      : fd_(fd), path_(std::move(path)), written_(written) {}
  int fd_;
  std::filesystem::path path_;
  uint64_t written_;
};

struct Progress {
  PostMetadata meta;
  base::Hash32 commitment;
  uint32_t scrypt_n;
  std::optional<VrfNonce> best;
  FullLabel vrf_difficulty;

  // The bound a new candidate must beat: the best so far, else the VRF difficulty.
  const FullLabel& Below() const { return best ? best->label : vrf_difficulty; }

  base::Status Offer(const std::optional<VrfNonce>& candidate, const std::filesystem::path& dir) {
    auto better = BetterNonce(best, candidate);
    if (!better || (best && better->index == best->index)) return base::Status::Ok();
    best = better;
    RecordVrfNonce(*best, &meta);
    return SaveMetadata(dir, meta);
  }
};

}  // namespace

void RecordVrfNonce(const VrfNonce& nonce, PostMetadata* meta) {
  meta->nonce = nonce.index;
  Label value;
  std::copy_n(nonce.label.begin(), value.size(), value.begin());
  meta->nonce_value = value;
}

base::Result<PostMetadata> Initialize(const std::filesystem::path& dir, const InitRequest& request,
                                      LabelGenerator& generator, InitObserver* observer,
                                      const std::atomic<bool>* stop) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return base::Status::IoError("cannot create " + dir.string() + ": " + ec.message());

  PostMetadata wanted = request.layout;
  wanted.nonce.reset();
  wanted.nonce_value.reset();
  wanted.last_position.reset();
  Progress progress{wanted, Commitment(wanted.node_id, wanted.commitment_atx_id), request.scrypt_n, std::nullopt,
                    VrfDifficulty(wanted.total_labels())};

  if (std::filesystem::exists(dir / kMetadataFileName)) {
    auto existing = LoadMetadata(dir);
    if (!existing.ok()) return existing.status();
    if (base::Status s = CheckCompatible(*existing, wanted); !s.ok()) return s;
    progress.meta.nonce = existing->nonce;
    progress.meta.nonce_value = existing->nonce_value;
    progress.meta.last_position = existing->last_position;
    if (existing->nonce) {
      // The stored nonce keeps only 16 bytes; recompute its full label to compare against.
      progress.best =
          VrfNonce{*existing->nonce, ComputeFullLabel(progress.commitment, *existing->nonce, request.scrypt_n)};
    }
  }
  if (base::Status s = SaveMetadata(dir, progress.meta); !s.ok()) return s;

  FileRange range{0, wanted.num_files() - 1};
  if (request.range) range = *request.range;
  const bool whole_layout = range.first == 0 && range.last + 1 == wanted.num_files();
  auto stopped = [stop] { return stop && stop->load(std::memory_order_relaxed); };

  InitProgress report;
  report.labels_total = EndLabelOfRange(wanted, range) - FirstLabelOfFile(wanted, range.first);
  // Batch k is written by a background task while batch k + 1 is generated; writes stay in
  // order, and a batch's nonce is saved before the batch is handed to the writer.
  std::vector<uint8_t> labels, writing;
  std::future<base::Status> pending_write;
  auto finish_write = [&]() -> base::Status {
    return pending_write.valid() ? pending_write.get() : base::Status::Ok();
  };
  for (uint64_t file = range.first; file <= range.last; ++file) {
    const std::filesystem::path path = dir / DataFileName(file);
    auto writer = FileWriter::Open(path, ExpectedFileSize(wanted, file));
    if (!writer.ok()) return writer.status();
    const uint64_t file_first = FirstLabelOfFile(wanted, file);
    const uint64_t file_labels = wanted.labels_in_file(file);
    report.file = file;
    report.labels_done += writer->written() / 16;
    for (uint64_t done = writer->written() / 16; done < file_labels;) {
      if (stopped()) {
        // A failed write of the previous batch is the more useful error to report.
        if (base::Status s = finish_write(); !s.ok()) return s;
        return base::Status::Aborted("initialization stopped at " + path.string());
      }
      const size_t count = std::min<uint64_t>(generator.BatchLabels(), file_labels - done);
      labels.resize(count * 16);
      std::optional<VrfNonce> found;
      base::Status generated = generator.Generate(file_first + done, count, labels.data(), progress.Below(), &found);
      if (base::Status s = finish_write(); !s.ok()) return s;
      if (!generated.ok()) return generated;
      if (base::Status s = progress.Offer(found, dir); !s.ok()) return s;
      std::swap(labels, writing);
      pending_write = std::async(std::launch::async,
                                 [&writer, &writing] { return writer->Append(writing.data(), writing.size()); });
      done += count;
      report.labels_done += count;
      report.labels_computed += count;
      if (observer) observer->Progress(report);
    }
    if (base::Status s = finish_write(); !s.ok()) return s;
    if (base::Status s = writer->Sync(); !s.ok()) return s;
  }

  // Like the reference, a whole layout without a nonce keeps searching past its data.
  if (whole_layout && !progress.best) {
    uint64_t position = progress.meta.last_position.value_or(wanted.total_labels());
    while (!progress.best) {
      if (stopped()) return base::Status::Aborted("VRF nonce search stopped at label " + std::to_string(position));
      const size_t count = generator.BatchLabels();
      labels.resize(count * 16);
      std::optional<VrfNonce> found;
      if (base::Status s = generator.Generate(position, count, labels.data(), progress.Below(), &found); !s.ok()) {
        return s;
      }
      position += count;
      progress.meta.last_position = position;
      if (found) {
        if (base::Status s = progress.Offer(found, dir); !s.ok()) return s;
      } else if (base::Status s = SaveMetadata(dir, progress.meta); !s.ok()) {
        return s;
      }
    }
  }
  return progress.meta;
}

}  // namespace post
