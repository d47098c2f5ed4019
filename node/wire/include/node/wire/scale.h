// SCALE as go-scale v1.2.1 writes and reads it (reference/activation.md §2.1): fixed arrays raw,
// compact integers, compact-length-prefixed byte slices with a maximum, collection counts, and
// options as one flag byte. Every network message here (challenge, ATX, PoET proof) uses it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace node::wire {

// The field being written or read, for error messages such as "nipost.post.indices: length 900
// exceeds 800". Segments are string literals, optionally indexed ("nodes[3]").
class FieldPath {
 public:
  // Pushes a segment for its lifetime; `name` must outlive it (a literal).
  class Scope {
   public:
    Scope(FieldPath& path, std::string_view name, std::optional<size_t> index = std::nullopt);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    FieldPath& path_;
  };

  // "<segments>.<field>", or `field` alone at the top.
  std::string Name(std::string_view field) const;

 private:
  struct Segment {
    std::string_view name;
    std::optional<size_t> index;
  };
  std::vector<Segment> segments_;
};

// Appends SCALE to a byte vector. A length above its field's maximum fails, as in the reference
// encoder; the first failure is kept and later writes are ignored.
class Encoder {
 public:
  // Raw bytes without a length: fixed arrays such as ids, addresses and signatures.
  void Fixed(std::span<const uint8_t> bytes);
  // Compact integers: 1, 2 or 4 bytes below 2^30, else a header byte and the minimal LE bytes.
  void Compact32(uint32_t value);
  void Compact64(uint64_t value);
  // Compact length and the bytes; fails when bytes.size() > max.
  void Bytes(std::string_view field, std::span<const uint8_t> bytes, uint32_t max);
  // The compact count of a collection whose elements follow; fails when count > max.
  void Count(std::string_view field, size_t count, uint32_t max);
  // The option flag byte: 1 when a value follows, else 0.
  void Option(bool present);

  // The path that errors name; struct encoders push their field with FieldPath::Scope.
  FieldPath& path() { return path_; }
  bool ok() const { return status_.ok(); }
  // The encoding, or the first error.
  base::Result<std::vector<uint8_t>> Finish() &&;

 private:
  void Fail(std::string message);
  std::vector<uint8_t> out_;
  base::Status status_;
  FieldPath path_;
};

// Reads SCALE from a span the way the reference decoder does: it rejects truncated input,
// non-minimal compact forms in the 2- and 4-byte modes, big-integer forms of values below 2^30,
// lengths above the field's maximum, and (in Finish) trailing bytes. An option flag other than 1
// means None. The first failure is kept; later reads return zero values and read nothing.
class Decoder {
 public:
  explicit Decoder(std::span<const uint8_t> data) : data_(data) {}

  // Fills `out` with the next out.size() bytes.
  void Fixed(std::string_view field, std::span<uint8_t> out);
  // Compact integers; compact32 accepts at most 4 big-integer bytes, compact64 at most 8.
  uint32_t Compact32(std::string_view field);
  uint64_t Compact64(std::string_view field);
  // A compact length (≤ max) and that many bytes.
  std::vector<uint8_t> Bytes(std::string_view field, uint32_t max);
  std::string String(std::string_view field, uint32_t max);
  // A collection count (≤ max); the elements are read by the caller.
  uint32_t Count(std::string_view field, uint32_t max);
  // True when the flag byte is 1 (a value follows).
  bool Option(std::string_view field);

  // The path that errors name; struct decoders push their field with FieldPath::Scope.
  FieldPath& path() { return path_; }
  bool ok() const { return status_.ok(); }
  size_t remaining() const { return data_.size() - pos_; }
  // OK when every read succeeded and no byte is left over (the reference's codec.Decode rule).
  base::Status Finish() const;

 private:
  // The next n bytes, or an empty span after recording a truncation error.
  std::span<const uint8_t> Take(std::string_view field, size_t n);
  uint64_t Compact(std::string_view field, unsigned max_bytes);
  void Fail(std::string_view field, const std::string& message);

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  base::Status status_;
  FieldPath path_;
};

}  // namespace node::wire
