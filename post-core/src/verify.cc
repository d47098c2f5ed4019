#include "post/verify.h"

#include <cstring>
#include <string>

#include "post/cipher.h"
#include "post/compression.h"
#include "post/difficulty.h"
#include "post/labels.h"
#include "post/random_values.h"

namespace post {
namespace {

std::string HexByte(uint8_t b) {
  static const char* kDigits = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

// The (position, index) pairs the mode selects, in checking order.
base::Result<std::vector<std::pair<size_t, uint64_t>>> Select(const std::vector<uint64_t>& indices,
                                                              const ProofMetadata& meta, const VerifyMode& mode) {
  std::vector<std::pair<size_t, uint64_t>> picked;
  switch (mode.kind) {
    case VerifyMode::Kind::kOne:
      if (mode.index >= indices.size()) {
        return base::Status::InvalidArgument("index position " + std::to_string(mode.index) +
                                             " is outside the proof's " + std::to_string(indices.size()));
      }
      picked.emplace_back(mode.index, indices[mode.index]);
      break;
    case VerifyMode::Kind::kSubset:
      if (mode.k3 < indices.size()) {
        std::vector<uint64_t> positions(indices.size());
        for (size_t i = 0; i < positions.size(); ++i) positions[i] = i;
        for (uint64_t p : PickRandomValues(positions, mode.k3, {mode.seed, meta.node_id, meta.challenge})) {
          picked.emplace_back(p, indices[p]);
        }
        break;
      }
      [[fallthrough]];
    case VerifyMode::Kind::kAll:
      for (size_t i = 0; i < indices.size(); ++i) picked.emplace_back(i, indices[i]);
      break;
  }
  return picked;
}

}  // namespace

base::Result<std::unique_ptr<Verifier>> Verifier::Create(std::shared_ptr<const RandomX> randomx) {
  auto vm = randomx->CreateVm();
  if (!vm.ok()) return vm.status();
  return std::unique_ptr<Verifier>(new Verifier(std::move(randomx), std::move(vm).value()));
}

base::Status Verifier::Verify(const Proof& proof, const ProofMetadata& meta, const VerifyParams& params,
                              const VerifyMode& mode) {
  if (meta.num_units < params.min_num_units || meta.num_units > params.max_num_units) {
    return base::Status::InvalidProof("num units out of range: " + std::to_string(meta.num_units) + " not in [" +
                                      std::to_string(params.min_num_units) + ", " +
                                      std::to_string(params.max_num_units) + "]");
  }
  if (params.labels_per_unit != 0 && meta.labels_per_unit != params.labels_per_unit) {
    return base::Status::InvalidProof("labels per unit mismatch: proof has " + std::to_string(meta.labels_per_unit) +
                                      ", network has " + std::to_string(params.labels_per_unit));
  }
  const uint64_t num_labels = uint64_t(meta.num_units) * meta.labels_per_unit;
  const auto difficulty = ProvingDifficulty(params.proof.k1, num_labels);
  if (!difficulty) return base::Status::InvalidProof("invalid num labels: " + std::to_string(num_labels));

  const uint32_t group = proof.nonce / 16;
  if (group > 255) {
    return base::Status::InvalidProof("nonce group out of bounds: " + std::to_string(group));
  }
  const base::Hash32 pow_target = ScalePowDifficulty(params.proof.pow_difficulty, meta.num_units);
  if (!K2PowValid(vm_, proof.pow, uint8_t(group), meta.challenge, meta.node_id, pow_target)) {
    return base::Status::InvalidProof("invalid k2pow: pow " + std::to_string(proof.pow) +
                                      " does not meet the difficulty for nonce group " + std::to_string(group));
  }

  const uint32_t bits = RequiredBits(num_labels);
  const size_t expected = ExpectedIndicesBytes(bits, params.proof.k2);
  if (proof.indices.size() != expected) {
    return base::Status::InvalidProof("invalid indices length: expected " + std::to_string(expected) + " bytes, got " +
                                      std::to_string(proof.indices.size()));
  }
  const auto indices = DecompressIndices(proof.indices, bits, params.proof.k2);
  auto picked = Select(indices, meta, mode);
  if (!picked.ok()) return picked.status();

  std::vector<uint64_t> to_compute;
  for (auto [pos, index] : *picked) to_compute.push_back(index);
  std::vector<uint8_t> labels(to_compute.size() * 16);
  const base::Hash32 commitment = Commitment(meta.node_id, meta.commitment_atx_id);
  ComputeLabelsAt(commitment, params.scrypt_n, to_compute, labels.data());

  const SplitDifficulty split = Split(*difficulty);
  const AesKey group_key = GroupCipher(meta.challenge, group, proof.pow);
  const AesKey lazy_key = LazyCipher(meta.challenge, group, proof.pow, proof.nonce);
  for (size_t i = 0; i < picked->size(); ++i) {
    const auto [pos, index] = (*picked)[i];
    const uint8_t* label = labels.data() + i * 16;
    uint8_t out[16];
    AesEncryptBlock(group_key, label, out);
    const uint8_t msb = out[proof.nonce % 16];
    const std::string where = "proof index #" + std::to_string(pos) + " (label " + std::to_string(index) + ")";
    if (msb > split.msb) {
      return base::Status::InvalidProof("index fails difficulty: " + where + " msb " + HexByte(msb) + " > " +
                                        HexByte(split.msb));
    }
    if (msb == split.msb) {
      const uint64_t lsb = LazyValue(lazy_key, label);
      if (lsb >= split.lsb) {
        return base::Status::InvalidProof("index fails difficulty: " + where + " lsb " + std::to_string(lsb) +
                                          " >= " + std::to_string(split.lsb));
      }
    }
  }
  return base::Status::Ok();
}

}  // namespace post
