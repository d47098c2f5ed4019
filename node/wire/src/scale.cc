#include "node/wire/scale.h"

#include <bit>

namespace node::wire {
namespace {

constexpr uint64_t kMaxUint6 = (1u << 6) - 1;
constexpr uint64_t kMaxUint14 = (1u << 14) - 1;
constexpr uint64_t kMaxUint30 = (1u << 30) - 1;

void PutLe(std::vector<uint8_t>& out, uint64_t value, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

uint64_t GetLe(std::span<const uint8_t> bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < bytes.size(); ++i) value |= uint64_t{bytes[i]} << (8 * i);
  return value;
}

void PutCompact(std::vector<uint8_t>& out, uint64_t value) {
  if (value <= kMaxUint6) {
    PutLe(out, value << 2, 1);
  } else if (value <= kMaxUint14) {
    PutLe(out, value << 2 | 0b01, 2);
  } else if (value <= kMaxUint30) {
    PutLe(out, value << 2 | 0b10, 4);
  } else {
    const unsigned bytes = 8 - std::countl_zero(value) / 8;
    out.push_back(static_cast<uint8_t>((bytes - 4) << 2 | 0b11));
    PutLe(out, value, bytes);
  }
}

}  // namespace

FieldPath::Scope::Scope(FieldPath& path, std::string_view name, std::optional<size_t> index) : path_(path) {
  path_.segments_.push_back({name, index});
}

FieldPath::Scope::~Scope() { path_.segments_.pop_back(); }

std::string FieldPath::Name(std::string_view field) const {
  std::string name;
  for (const Segment& segment : segments_) {
    name.append(segment.name);
    if (segment.index) {  // appended piecewise: GCC 12 warns falsely on "[" + string
      name += '[';
      name += std::to_string(*segment.index);
      name += ']';
    }
    name += '.';
  }
  name.append(field);
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

void Encoder::Fail(std::string message) {
  if (status_.ok()) status_ = base::Status::InvalidArgument(std::move(message));
}

void Encoder::Fixed(std::span<const uint8_t> bytes) {
  if (ok()) out_.insert(out_.end(), bytes.begin(), bytes.end());
}

void Encoder::Compact32(uint32_t value) {
  if (ok()) PutCompact(out_, value);
}

void Encoder::Compact64(uint64_t value) {
  if (ok()) PutCompact(out_, value);
}

void Encoder::Bytes(std::string_view field, std::span<const uint8_t> bytes, uint32_t max) {
  Count(field, bytes.size(), max);
  Fixed(bytes);
}

void Encoder::Count(std::string_view field, size_t count, uint32_t max) {
  if (!ok()) return;
  if (count > max) {
    Fail(path_.Name(field) + ": length " + std::to_string(count) + " exceeds " + std::to_string(max));
    return;
  }
  PutCompact(out_, count);
}

void Encoder::Option(bool present) {
  if (ok()) out_.push_back(present ? 1 : 0);
}

base::Result<std::vector<uint8_t>> Encoder::Finish() && {
  if (!ok()) return status_;
  return std::move(out_);
}

void Decoder::Fail(std::string_view field, const std::string& message) {
  if (status_.ok()) status_ = base::Status::InvalidArgument(path_.Name(field) + ": " + message);
}

std::span<const uint8_t> Decoder::Take(std::string_view field, size_t n) {
  if (!ok()) return {};
  if (n > remaining()) {
    Fail(field, "truncated: needs " + std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left");
    return {};
  }
  const auto bytes = data_.subspan(pos_, n);
  pos_ += n;
  return bytes;
}

uint64_t Decoder::Compact(std::string_view field, unsigned max_bytes) {
  const auto header = Take(field, 1);
  if (header.empty()) return 0;
  const uint8_t mode = header[0] & 0b11;
  if (mode == 0) return header[0] >> 2;
  if (mode == 1 || mode == 2) {
    const auto rest = Take(field, mode == 1 ? 1 : 3);
    if (rest.empty()) return 0;
    const uint64_t value = (GetLe(rest) << 8 | header[0]) >> 2;
    const uint64_t low = mode == 1 ? kMaxUint6 : kMaxUint14;
    if (value <= low) {
      Fail(field, "compact value " + std::to_string(value) + " is not minimally encoded");
      return 0;
    }
    return value;
  }
  const unsigned bytes = (header[0] >> 2) + 4u;
  if (bytes > max_bytes) {
    Fail(field, "compact integer of " + std::to_string(bytes) + " bytes exceeds " + std::to_string(max_bytes));
    return 0;
  }
  const auto rest = Take(field, bytes);
  if (rest.empty()) return 0;
  const uint64_t value = GetLe(rest);
  if (value <= kMaxUint30) {
    Fail(field, "compact value " + std::to_string(value) + " is not minimally encoded");
    return 0;
  }
  return value;
}

void Decoder::Fixed(std::string_view field, std::span<uint8_t> out) {
  const auto bytes = Take(field, out.size());
  if (bytes.size() == out.size()) std::copy(bytes.begin(), bytes.end(), out.begin());
}

uint32_t Decoder::Compact32(std::string_view field) { return static_cast<uint32_t>(Compact(field, 4)); }

uint64_t Decoder::Compact64(std::string_view field) { return Compact(field, 8); }

uint32_t Decoder::Count(std::string_view field, uint32_t max) {
  const uint32_t count = Compact32(field);
  if (count > max) {
    Fail(field, "length " + std::to_string(count) + " exceeds " + std::to_string(max));
    return 0;
  }
  return count;
}

std::vector<uint8_t> Decoder::Bytes(std::string_view field, uint32_t max) {
  const uint32_t length = Count(field, max);
  const auto bytes = Take(field, length);
  return {bytes.begin(), bytes.end()};
}

std::string Decoder::String(std::string_view field, uint32_t max) {
  const auto bytes = Bytes(field, max);
  return {bytes.begin(), bytes.end()};
}

bool Decoder::Option(std::string_view field) {
  const auto flag = Take(field, 1);
  return !flag.empty() && flag[0] == 1;
}

base::Status Decoder::Finish() const {
  if (!ok()) return status_;
  if (remaining() != 0) {
    return base::Status::InvalidArgument(std::to_string(remaining()) + " trailing bytes");
  }
  return base::Status::Ok();
}

}  // namespace node::wire
