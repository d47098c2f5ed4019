#include "node/wire/signing.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "post/blake3.h"

namespace node::wire {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// The canonical encodings of the eight small-order points (y with the sign bit of x). The x = 0
// points with the sign bit set are not valid encodings and are rejected as well.
constexpr std::array<std::array<uint8_t, 32>, 10> kSmallOrder = {{
    {0x01},
    {0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
    {0x00},
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
     0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
     0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x85},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
     0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
     0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0xfa},
}};

// True when the y coordinate (the low 255 bits, little endian) is at least p = 2^255 - 19.
bool NonCanonical(const base::Hash32& key) {
  if ((key[31] & 0x7f) != 0x7f || key[0] < 0xed) return false;
  return std::all_of(key.begin() + 1, key.begin() + 31, [](uint8_t b) { return b == 0xff; });
}

std::vector<uint8_t> SignedMessage(const Hash20& genesis_id, Domain domain, std::span<const uint8_t> message) {
  std::vector<uint8_t> data(genesis_id.begin(), genesis_id.end());
  data.push_back(static_cast<uint8_t>(domain));
  data.insert(data.end(), message.begin(), message.end());
  return data;
}

base::Result<Pkey> PrivateKey(std::span<const uint8_t, 64> private_key) {
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, private_key.data(), 32));
  if (!key) return base::Status::InvalidArgument("ed25519: unusable private key");
  return key;
}

}  // namespace

Hash20 GenesisId(int64_t genesis_unix_seconds, std::string_view extra_data) {
  const std::string seconds = std::to_string(genesis_unix_seconds);
  const base::Hash32 golden =
      post::Blake3Hash({{reinterpret_cast<const uint8_t*>(seconds.data()), seconds.size()},
                        {reinterpret_cast<const uint8_t*>(extra_data.data()), extra_data.size()}});
  Hash20 id;
  std::copy_n(golden.begin(), id.size(), id.begin());
  return id;
}

base::Result<base::Hash32> PublicKeyOf(std::span<const uint8_t, 64> private_key) {
  auto key = PrivateKey(private_key);
  if (!key.ok()) return key.status();
  base::Hash32 public_key;
  size_t length = public_key.size();
  if (EVP_PKEY_get_raw_public_key(key->get(), public_key.data(), &length) != 1 || length != public_key.size()) {
    return base::Status::InvalidArgument("ed25519: cannot derive the public key");
  }
  if (!std::equal(public_key.begin(), public_key.end(), private_key.begin() + 32)) {
    return base::Status::InvalidArgument("ed25519: the private key's second half is not its seed's public key");
  }
  return public_key;
}

base::Result<Signature> Sign(std::span<const uint8_t, 64> private_key, const Hash20& genesis_id, Domain domain,
                             std::span<const uint8_t> message) {
  if (auto public_key = PublicKeyOf(private_key); !public_key.ok()) return public_key.status();
  auto key = PrivateKey(private_key);
  if (!key.ok()) return key.status();
  const std::vector<uint8_t> data = SignedMessage(genesis_id, domain, message);
  MdCtx ctx(EVP_MD_CTX_new());
  Signature signature;
  size_t length = signature.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &length, data.data(), data.size()) != 1 ||
      length != signature.size()) {
    return base::Status::Unavailable("ed25519: OpenSSL signing failed");
  }
  return signature;
}

bool VerifyRaw(std::span<const uint8_t> public_key, std::span<const uint8_t> message,
               std::span<const uint8_t> signature) {
  if (public_key.size() != 32 || signature.size() != 64) return false;
  Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  MdCtx ctx(EVP_MD_CTX_new());
  if (!key || !ctx) return false;
  return EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) == 1;
}

bool Verify(const base::Hash32& public_key, const Hash20& genesis_id, Domain domain, std::span<const uint8_t> message,
            const Signature& signature) {
  if (NonCanonical(public_key)) return false;
  if (std::find(kSmallOrder.begin(), kSmallOrder.end(), public_key) != kSmallOrder.end()) {
    return false;
  }
  return VerifyRaw(public_key, SignedMessage(genesis_id, domain, message), signature);
}

}  // namespace node::wire
