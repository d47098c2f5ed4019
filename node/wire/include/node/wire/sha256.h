// SHA-256 through OpenSSL's EVP interface. A Sha256 object keeps its context, so the PoSW's 400
// nested hashes per label do not pay OpenSSL's per-digest setup each time.
#pragma once

#include <initializer_list>
#include <span>

#include "base/bytes.h"

typedef struct evp_md_st EVP_MD;
typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace node::wire {

// An incremental SHA-256; Final() returns the digest and starts a new message.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&& other) noexcept;
  Sha256& operator=(Sha256&& other) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::span<const uint8_t> data);
  base::Hash32 Final();

 private:
  void Init();
  EVP_MD* md_ = nullptr;
  EVP_MD_CTX* ctx_ = nullptr;
};

// One-shot SHA-256 of the concatenation of `parts`.
base::Hash32 Sha256Hash(std::initializer_list<std::span<const uint8_t>> parts);

}  // namespace node::wire
