#include "codec.h"

#include <cstring>

namespace node::store {

void Encoder::U32(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
}

void Encoder::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
}

void Encoder::OptionalHash(const std::optional<base::Hash32>& v) {
  Bool(v.has_value());
  if (v) Hash(*v);
}

void Encoder::Bytes(std::string_view v) {
  U32(static_cast<uint32_t>(v.size()));
  out_.append(v);
}

void Encoder::Hashes(const std::vector<base::Hash32>& v) {
  U32(static_cast<uint32_t>(v.size()));
  for (const auto& h : v) Hash(h);
}

Decoder::Decoder(std::string_view in) : in_(in) {
  uint8_t version = 0;
  U8(version);
  if (error_.empty() && version != kFormatVersion) {
    Fail("unknown format version " + std::to_string(version) + " (this build reads " + std::to_string(kFormatVersion) +
         ")");
  }
}

void Decoder::Fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
}

const char* Decoder::Take(size_t n, const char* what) {
  if (!error_.empty()) return nullptr;
  if (in_.size() - pos_ < n) {
    Fail(std::string("truncated: ") + what + " at byte " + std::to_string(pos_) + " needs " + std::to_string(n) +
         " bytes, " + std::to_string(in_.size() - pos_) + " left");
    return nullptr;
  }
  const char* p = in_.data() + pos_;
  pos_ += n;
  return p;
}

void Decoder::U8(uint8_t& v) {
  const char* p = Take(1, "u8");
  v = p ? static_cast<uint8_t>(*p) : 0;
}

void Decoder::U32(uint32_t& v) {
  v = 0;
  if (const char* p = Take(4, "u32")) {
    for (int i = 0; i < 4; ++i) v |= uint32_t(uint8_t(p[i])) << (8 * i);
  }
}

void Decoder::U64(uint64_t& v) {
  v = 0;
  if (const char* p = Take(8, "u64")) {
    for (int i = 0; i < 8; ++i) v |= uint64_t(uint8_t(p[i])) << (8 * i);
  }
}

void Decoder::I64(int64_t& v) {
  uint64_t u = 0;
  U64(u);
  v = static_cast<int64_t>(u);
}

void Decoder::Bool(bool& v) {
  const size_t at = pos_;
  uint8_t b = 0;
  U8(b);
  if (b > 1) Fail("flag byte at " + std::to_string(at) + " is " + std::to_string(b) + ", not 0 or 1");
  v = b == 1;
}

void Decoder::Hash(base::Hash32& v) {
  v = {};
  if (const char* p = Take(v.size(), "hash")) std::memcpy(v.data(), p, v.size());
}

void Decoder::OptionalHash(std::optional<base::Hash32>& v) {
  bool present = false;
  Bool(present);
  v.reset();
  if (present) Hash(v.emplace());
}

void Decoder::Bytes(std::string& v) {
  uint32_t size = 0;
  U32(size);
  const char* p = Take(size, "string");
  v = p ? std::string(p, size) : std::string();
}

void Decoder::Hashes(std::vector<base::Hash32>& v) {
  uint32_t count = 0;
  U32(count);
  v.clear();
  // Bounded by the bytes left, so a damaged count cannot ask for gigabytes.
  if (error_.empty() && uint64_t(count) * 32 > in_.size() - pos_) {
    Fail("truncated: " + std::to_string(count) + " hashes at byte " + std::to_string(pos_));
    return;
  }
  v.resize(count);
  for (auto& h : v) Hash(h);
}

base::Status Decoder::Finish() const {
  if (!error_.empty()) return base::Status::Corruption(error_);
  if (pos_ != in_.size()) {
    return base::Status::Corruption(std::to_string(in_.size() - pos_) + " trailing bytes after byte " +
                                    std::to_string(pos_));
  }
  return base::Status::Ok();
}

}  // namespace node::store
