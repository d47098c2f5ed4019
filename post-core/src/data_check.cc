#include "post/data_check.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "post/difficulty.h"
#include "post/labels.h"
#include "post/reader.h"

namespace post {
namespace {

// Why a label may differ besides corruption: the data was made with other parameters. Names the
// parameters used, and the scrypt N that does produce the stored label when one of the usual does.
std::string MismatchHint(const base::Hash32& commitment, uint32_t scrypt_n, uint64_t index, const uint8_t* stored) {
  std::string hint = " (checked with scrypt N=" + std::to_string(scrypt_n) + " and commitment " +
                     base::ToHex(commitment) + ")";
  for (uint32_t n = 2; n <= (1u << 14); n <<= 1) {
    if (n == scrypt_n) continue;
    uint8_t label[16];
    ComputeLabelsAt(commitment, n, std::span<const uint64_t>(&index, 1), label);
    if (std::equal(label, label + 16, stored)) {
      return hint + "; the stored label is the one scrypt N=" + std::to_string(n) + " makes: pass -scryptN " +
             std::to_string(n);
    }
  }
  return hint + "; if every label is wrong, the data was made with other parameters (-scryptN, node id or "
                "commitment ATX)";
}

}  // namespace

base::Status VerifyDataSample(const std::filesystem::path& dir, const PostMetadata& meta, uint32_t scrypt_n,
                              double percent, const FileRange& range, uint64_t seed) {
  const base::Hash32 commitment = Commitment(meta.node_id, meta.commitment_atx_id);
  std::mt19937_64 rng(seed);
  for (uint64_t file = range.first; file <= range.last; ++file) {
    const auto path = dir / DataFileName(file);
    std::ifstream in(path, std::ios::binary);
    if (!in) return base::Status::NotFound("cannot open " + path.string());
    const uint64_t labels = meta.labels_in_file(file);
    const uint64_t samples = std::clamp<uint64_t>(uint64_t(double(labels) * percent / 100), 1, labels);
    // Distinct labels in increasing order (selection sampling), checked in bounded chunks.
    std::vector<uint64_t> picks;
    picks.reserve(samples);
    for (uint64_t i = 0; i < labels && picks.size() < samples; ++i) {
      if (std::uniform_int_distribution<uint64_t>(0, labels - i - 1)(rng) < samples - picks.size()) {
        picks.push_back(i);
      }
    }
    const uint64_t first = FirstLabelOfFile(meta, file);
    constexpr size_t kChunk = 1 << 16;
    std::vector<uint64_t> indices;
    std::vector<uint8_t> expected;
    for (size_t begin = 0; begin < picks.size(); begin += kChunk) {
      const size_t end = std::min(picks.size(), begin + kChunk);
      indices.clear();
      for (size_t i = begin; i < end; ++i) indices.push_back(first + picks[i]);
      expected.resize(indices.size() * 16);
      ComputeLabelsAt(commitment, scrypt_n, indices, expected.data());
      for (size_t i = 0; i < indices.size(); ++i) {
        const uint64_t offset = picks[begin + i] * 16;
        uint8_t stored[16];
        in.seekg(std::streamoff(offset));
        if (!in.read(reinterpret_cast<char*>(stored), 16)) {
          return base::Status::Corruption(path.string() + ": cannot read label " + std::to_string(indices[i]) +
                                          " at offset " + std::to_string(offset) + " (file too short)");
        }
        if (!std::equal(stored, stored + 16, expected.begin() + i * 16)) {
          return base::Status::Corruption(path.string() + ": label " + std::to_string(indices[i]) + " at offset " +
                                          std::to_string(offset) + " is wrong: stored " + base::ToHex(stored) +
                                          ", expected " + base::ToHex({expected.data() + i * 16, 16}) +
                                          MismatchHint(commitment, scrypt_n, indices[i], stored));
        }
      }
    }
  }
  return base::Status::Ok();
}

base::Result<std::optional<VrfNonce>> SearchNonceInData(const std::filesystem::path& dir, const PostMetadata& meta,
                                                        uint32_t scrypt_n) {
  const FullLabel difficulty = VrfDifficulty(meta.total_labels());
  Label bound;
  std::copy_n(difficulty.begin(), 16, bound.begin());
  auto reader = DataReader::Open(dir, meta);
  if (!reader.ok()) return reader.status();
  // The smallest stored prefix not above the difficulty's prefix, and every index holding it.
  std::optional<Label> best_prefix;
  std::vector<uint64_t> holders;
  std::span<const uint8_t> buf;
  uint64_t pos = 0;
  for (;;) {
    auto more = (*reader)->Next(&buf, &pos);
    if (!more.ok()) return more.status();
    if (!*more) break;
    for (size_t off = 0; off + 16 <= buf.size(); off += 16) {
      Label l;
      std::copy_n(buf.data() + off, 16, l.begin());
      if (l > bound || (best_prefix && l > *best_prefix)) continue;
      if (!best_prefix || l < *best_prefix) holders.clear();
      best_prefix = l;
      holders.push_back((pos + off) / 16);
    }
  }
  std::optional<VrfNonce> best;
  const base::Hash32 commitment = Commitment(meta.node_id, meta.commitment_atx_id);
  for (uint64_t index : holders) {
    VrfNonce candidate{index, ComputeFullLabel(commitment, index, scrypt_n)};
    if (candidate.label < difficulty) best = BetterNonce(best, candidate);
  }
  return best;
}

base::Result<PostMetadata> MergeDataDirs(const std::filesystem::path& out,
                                         const std::vector<std::filesystem::path>& parts, uint32_t scrypt_n) {
  if (parts.empty()) return base::Status::InvalidArgument("merge needs at least one directory");
  std::optional<PostMetadata> layout;
  std::map<uint64_t, std::filesystem::path> owner;  // file index -> directory holding it
  std::optional<VrfNonce> best;
  for (const auto& part : parts) {
    auto meta = LoadMetadata(part);
    if (!meta.ok()) return meta.status();
    if (!layout) {
      layout = *meta;
    } else if (base::Status s = CheckCompatible(*layout, *meta); !s.ok() || meta->num_units != layout->num_units) {
      return base::Status::InvalidArgument(
          part.string() + " belongs to another identity or layout: " + (s.ok() ? "NumUnits differ" : s.message()));
    }
    auto files = ListDataFiles(part);
    if (!files.ok()) return files.status();
    for (const auto& f : *files) {
      if (f.index >= layout->num_files()) {
        return base::Status::InvalidArgument(f.path.string() + " is beyond the layout's " +
                                             std::to_string(layout->num_files()) + " files");
      }
      if (f.size != ExpectedFileSize(*layout, f.index)) {
        return base::Status::InvalidArgument(f.path.string() + " is incomplete: " + std::to_string(f.size) +
                                             " bytes, expected " + std::to_string(ExpectedFileSize(*layout, f.index)));
      }
      auto [it, fresh] = owner.emplace(f.index, part);
      if (!fresh) {
        return base::Status::InvalidArgument(DataFileName(f.index) + " is in both " + it->second.string() + " and " +
                                             part.string());
      }
    }
    if (meta->nonce) {
      VrfNonce candidate{*meta->nonce,
                         ComputeFullLabel(Commitment(meta->node_id, meta->commitment_atx_id), *meta->nonce, scrypt_n)};
      best = BetterNonce(best, candidate);
    }
  }
  for (uint64_t file = 0; file < layout->num_files(); ++file) {
    if (!owner.count(file)) return base::Status::InvalidArgument("no directory holds " + DataFileName(file));
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return base::Status::IoError("cannot create " + out.string() + ": " + ec.message());
  for (const auto& [file, dir] : owner) {
    const auto target = out / DataFileName(file);
    if (std::filesystem::equivalent(dir, out, ec)) continue;
    std::filesystem::rename(dir / DataFileName(file), target, ec);
    if (ec) {  // another file system: copy, then remove
      ec.clear();
      std::filesystem::copy_file(dir / DataFileName(file), target, std::filesystem::copy_options::overwrite_existing,
                                 ec);
      if (!ec) std::filesystem::remove(dir / DataFileName(file), ec);
      if (ec)
        return base::Status::IoError("cannot move " + DataFileName(file) + " into " + out.string() + ": " +
                                     ec.message());
    }
  }
  PostMetadata merged = *layout;
  merged.nonce.reset();
  merged.nonce_value.reset();
  merged.last_position.reset();
  if (best) RecordVrfNonce(*best, &merged);
  if (base::Status s = SaveMetadata(out, merged); !s.ok()) return s;
  return merged;
}

}  // namespace post
