#include "node/posw/labels.h"

namespace node::posw {

base::Hash32 LabelHasher::Hash(std::span<const uint8_t> data) {
  sha_.Update(statement_);
  sha_.Update(data);
  base::Hash32 digest = sha_.Final();
  for (int i = 1; i < kLabelHashNesting; ++i) {
    sha_.Update(digest);
    digest = sha_.Final();
  }
  return digest;
}

base::Hash32 LabelHasher::Label(uint64_t index, std::span<const uint8_t> parked) {
  buffer_.resize(8);
  for (int i = 0; i < 8; ++i) buffer_[i] = static_cast<uint8_t>(index >> (56 - 8 * i));
  buffer_.insert(buffer_.end(), parked.begin(), parked.end());
  return Hash(buffer_);
}

wire::NodeHash PoswNodeHash(std::span<const uint8_t> statement) {
  return [salt = std::vector<uint8_t>(statement.begin(), statement.end())](std::span<const uint8_t> left,
                                                                           std::span<const uint8_t> right) {
    return wire::Sha256Hash({salt, left, right});
  };
}

}  // namespace node::posw
