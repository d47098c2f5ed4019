#include "node/wire/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace node::wire {
namespace {

// OpenSSL fails here only when out of memory or broken; nothing sensible can continue.
[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "fatal: OpenSSL SHA-256: %s failed\n", what);
  std::abort();
}

}  // namespace

Sha256::Sha256() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {
  if (md_ == nullptr || ctx_ == nullptr) Die("allocation");
  Init();
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx_);
  EVP_MD_free(md_);
}

Sha256::Sha256(Sha256&& other) noexcept
    : md_(std::exchange(other.md_, nullptr)), ctx_(std::exchange(other.ctx_, nullptr)) {}

Sha256& Sha256::operator=(Sha256&& other) noexcept {
  std::swap(md_, other.md_);
  std::swap(ctx_, other.ctx_);
  return *this;
}

void Sha256::Init() {
  if (EVP_DigestInit_ex2(ctx_, md_, nullptr) != 1) Die("init");
}

void Sha256::Update(std::span<const uint8_t> data) {
  if (EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1) Die("update");
}

base::Hash32 Sha256::Final() {
  base::Hash32 digest;
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx_, digest.data(), &length) != 1 || length != digest.size()) {
    Die("final");
  }
  Init();
  return digest;
}

base::Hash32 Sha256Hash(std::initializer_list<std::span<const uint8_t>> parts) {
  Sha256 sha;
  for (const auto& part : parts) sha.Update(part);
  return sha.Final();
}

}  // namespace node::wire
