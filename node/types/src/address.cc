// Bech32 as specified in BIP-173 (checksum constant 1, not bech32m's), applied to 24-byte
// Spacemesh addresses as go-spacemesh common/types/address.go does.
#include "node/types/address.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>
#include <vector>

namespace node {
namespace {

constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr size_t kChecksumLength = 6;
// 24 bytes = 192 bits = 39 groups of 5 bits (the last one padded with 3 zero bits).
constexpr size_t kDataGroups = (sizeof(Address) * 8 + 4) / 5;

uint32_t PolyMod(const std::vector<uint8_t>& values) {
  static constexpr uint32_t kGenerator[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    const uint32_t top = chk >> 25;
    chk = (chk & 0x1ffffff) << 5 ^ v;
    for (int i = 0; i < 5; ++i) {
      if (top >> i & 1) chk ^= kGenerator[i];
    }
  }
  return chk;
}

// The checksummed sequence: hrp's high bits, 0, hrp's low bits, then the data groups.
std::vector<uint8_t> ChecksumInput(const std::string& hrp, const std::vector<uint8_t>& groups) {
  std::vector<uint8_t> values;
  for (char c : hrp) values.push_back(static_cast<uint8_t>(c) >> 5);
  values.push_back(0);
  for (char c : hrp) values.push_back(static_cast<uint8_t>(c) & 31);
  values.insert(values.end(), groups.begin(), groups.end());
  return values;
}

// Regroups a bit string from `from`-bit into `to`-bit groups, most significant bit first
// (BIP-173's convertbits). With `pad` the last group is filled with zero bits; without, the
// leftover bits must be such padding, else nullopt.
std::optional<std::vector<uint8_t>> Regroup(std::span<const uint8_t> in, int from, int to, bool pad) {
  const uint32_t mask = (1u << to) - 1;
  std::vector<uint8_t> out;
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t v : in) {
    acc = acc << from | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push_back(static_cast<uint8_t>(acc >> bits & mask));
    }
  }
  if (pad) {
    if (bits > 0) out.push_back(static_cast<uint8_t>(acc << (to - bits) & mask));
  } else if ((acc & ((1u << bits) - 1)) != 0) {
    return std::nullopt;
  }
  return out;
}

int CharsetIndex(char c) {
  for (int i = 0; i < 32; ++i) {
    if (kCharset[i] == c) return i;
  }
  return -1;
}

}  // namespace

std::string FormatAddress(const Address& address, const std::string& hrp) {
  const std::vector<uint8_t> groups = *Regroup(address, 8, 5, /*pad=*/true);

  std::vector<uint8_t> input = ChecksumInput(hrp, groups);
  input.resize(input.size() + kChecksumLength, 0);
  const uint32_t mod = PolyMod(input) ^ 1;
  std::string out = hrp + "1";
  for (uint8_t g : groups) out.push_back(kCharset[g]);
  for (size_t i = 0; i < kChecksumLength; ++i) out.push_back(kCharset[mod >> (5 * (5 - i)) & 31]);
  return out;
}

base::Result<Address> ParseAddress(const std::string& text, const std::string& hrp) {
  using base::Status;
  auto fail = [&](const std::string& why) {
    return Status::InvalidArgument(fmt::format("invalid address \"{}\": {}", text, why));
  };
  bool lower = false, upper = false;
  for (char c : text) {
    if (c < 33 || c > 126) return fail("invalid character");
    lower |= std::islower(static_cast<unsigned char>(c)) != 0;
    upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  if (lower && upper) return fail("mixed case");
  std::string s = text;
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  const size_t sep = s.rfind('1');
  if (sep == std::string::npos || sep == 0 || sep + 1 + kChecksumLength > s.size()) {
    return fail("not bech32 (no human-readable prefix, separator '1' or checksum)");
  }
  const std::string got_hrp = s.substr(0, sep);
  std::vector<uint8_t> groups;
  for (size_t i = sep + 1; i < s.size(); ++i) {
    const int v = CharsetIndex(s[i]);
    if (v < 0) return fail(fmt::format("invalid bech32 character '{}'", s[i]));
    groups.push_back(static_cast<uint8_t>(v));
  }
  if (PolyMod(ChecksumInput(got_hrp, groups)) != 1) return fail("invalid checksum");
  groups.resize(groups.size() - kChecksumLength);

  if (groups.size() != kDataGroups) {
    return fail(fmt::format("wrong address length: expected {} bytes, got {}", sizeof(Address), groups.size() * 5 / 8));
  }
  if (got_hrp != hrp) {
    return fail(fmt::format("wrong network: expected prefix \"{}\", got \"{}\"", hrp, got_hrp));
  }
  const auto bytes = Regroup(groups, 5, 8, /*pad=*/false);
  if (!bytes) return fail("non-zero padding bits");
  Address address{};
  std::copy(bytes->begin(), bytes->end(), address.begin());  // 39 groups make exactly 24 bytes
  for (size_t i = 0; i < kAddressReservedBytes; ++i) {
    if (address[i] != 0) {
      return fail(fmt::format("missing reserved space: the first {} bytes must be 0", kAddressReservedBytes));
    }
  }
  return address;
}

}  // namespace node
