// The binary record format of the state store: a format version byte, then fixed-width
// little-endian integers, 32-byte hashes and u32-length-prefixed strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/status.h"

namespace node::store {

inline constexpr uint8_t kFormatVersion = 2;  // 2: NIPoST membership, ATX blob

class Encoder {
 public:
  Encoder() { out_.push_back(static_cast<char>(kFormatVersion)); }
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Hash(const base::Hash32& v) { out_.append(reinterpret_cast<const char*>(v.data()), v.size()); }
  void OptionalHash(const std::optional<base::Hash32>& v);
  void Bytes(std::string_view v);
  void Hashes(const std::vector<base::Hash32>& v);
  std::string Finish() && { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what an Encoder wrote. The first problem (unknown version, truncation, a bad flag byte)
// is remembered, later reads yield zeros, and Finish() reports it as kCorruption.
class Decoder {
 public:
  explicit Decoder(std::string_view in);
  void U8(uint8_t& v);
  void U32(uint32_t& v);
  void U64(uint64_t& v);
  void I64(int64_t& v);
  void Bool(bool& v);
  void Hash(base::Hash32& v);
  void OptionalHash(std::optional<base::Hash32>& v);
  void Bytes(std::string& v);
  void Hashes(std::vector<base::Hash32>& v);
  // OK when every byte was read without a problem.
  base::Status Finish() const;

 private:
  // The next `n` bytes, or nullptr (and the error set) when fewer are left.
  const char* Take(size_t n, const char* what);
  void Fail(std::string why);

  std::string_view in_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace node::store
