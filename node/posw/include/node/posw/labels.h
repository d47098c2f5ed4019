// The PoET's sequential-work hashes (reference/activation.md §4.4; PO hash/hash.go,
// shared/shared.go): labels are sha256 nested 400 times, tree nodes are sha256 salted with the
// statement.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/bytes.h"
#include "node/wire/merkle.h"
#include "node/wire/sha256.h"

namespace node::posw {

inline constexpr int kLabelHashNesting = 400;    // LabelHashNestingDepth
inline constexpr uint32_t kSecurityParam = 150;  // T: leaves per proof

// Computes labels for one statement, reusing its SHA-256 context and buffer.
class LabelHasher {
 public:
  explicit LabelHasher(std::span<const uint8_t> statement) : statement_(statement.begin(), statement.end()) {}

  // sha256 applied 400 times: first over statement || data, then over the previous digest
  // (GenLabelHashFunc).
  base::Hash32 Hash(std::span<const uint8_t> data);
  // The label of leaf `index`: Hash(BE64(index) || parked), where parked is the concatenation of
  // the tree's parked nodes, lowest layer first, before the leaf is added (MakeLabelFunc).
  base::Hash32 Label(uint64_t index, std::span<const uint8_t> parked);

 private:
  std::vector<uint8_t> statement_;
  wire::Sha256 sha_;
  std::vector<uint8_t> buffer_;
};

// The PoSW tree's node hash, sha256(statement || left || right) (GenMerkleHashFunc).
wire::NodeHash PoswNodeHash(std::span<const uint8_t> statement);

}  // namespace node::posw
