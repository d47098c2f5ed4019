#include "ed25519.h"

#include <openssl/evp.h>

#include <memory>

namespace node::poet {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

base::Result<PrivateKey> GenerateKey() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return base::Status::IoError("ed25519: cannot generate a key");
  }
  std::unique_ptr<EVP_PKEY, PkeyFree> key(raw);
  PrivateKey out{};
  size_t seed_len = 32, pub_len = 32;
  if (EVP_PKEY_get_raw_private_key(key.get(), out.data(), &seed_len) != 1 ||
      EVP_PKEY_get_raw_public_key(key.get(), out.data() + 32, &pub_len) != 1 || seed_len != 32 || pub_len != 32) {
    return base::Status::IoError("ed25519: cannot export the generated key");
  }
  return out;
}

bool VerifyRaw(std::span<const uint8_t> pubkey, std::span<const uint8_t> message, std::span<const uint8_t> signature) {
  if (pubkey.size() != 32 || signature.size() != 64) return false;
  std::unique_ptr<EVP_PKEY, PkeyFree> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pubkey.data(), pubkey.size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) == 1;
}

}  // namespace node::poet
