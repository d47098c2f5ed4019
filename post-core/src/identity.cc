#include "post/identity.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "base/files.h"

namespace post {
namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The public key of an ed25519 seed.
std::optional<base::Hash32> PublicFromSeed(const uint8_t seed[32]) {
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed, 32), EVP_PKEY_free);
  base::Hash32 pub;
  size_t len = pub.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) != 1 || len != 32) {
    return std::nullopt;
  }
  return pub;
}

}  // namespace

base::Hash32 Identity::node_id() const {
  base::Hash32 id;
  std::memcpy(id.data(), private_key.data() + 32, 32);
  return id;
}

base::Result<Identity> GenerateIdentity() {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr),
                                                                  EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return base::Status::IoError("cannot generate an ed25519 key");
  }
  PkeyPtr key(raw, EVP_PKEY_free);
  Identity identity;
  size_t seed_len = 32, pub_len = 32;
  if (EVP_PKEY_get_raw_private_key(key.get(), identity.private_key.data(), &seed_len) != 1 ||
      EVP_PKEY_get_raw_public_key(key.get(), identity.private_key.data() + 32, &pub_len) != 1) {
    return base::Status::IoError("cannot export the generated ed25519 key");
  }
  return identity;
}

base::Result<Identity> LoadIdentityKey(const std::filesystem::path& file) {
  auto read = base::ReadFile(file, "identity key");
  if (!read.ok()) return read.status();
  const std::string& hex = *read;
  if (hex.size() != 128) {
    return base::Status::Corruption("identity key " + file.string() + ": expected 128 hex characters, got " +
                                    std::to_string(hex.size()) + " bytes (no trailing newline allowed)");
  }
  auto bytes = base::FromHex(hex);
  if (!bytes) return base::Status::Corruption("identity key " + file.string() + ": not hex");
  Identity identity;
  std::memcpy(identity.private_key.data(), bytes->data(), 64);
  auto pub = PublicFromSeed(identity.private_key.data());
  if (!pub || *pub != identity.node_id()) {
    return base::Status::Corruption("identity key " + file.string() + ": private and public keys do not match");
  }
  return identity;
}

base::Status SaveIdentityKey(const std::filesystem::path& file, const Identity& identity) {
  if (file.has_parent_path() && !std::filesystem::exists(file.parent_path())) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return base::Status::IoError("cannot create " + file.parent_path().string() + ": " + ec.message());
    ::chmod(file.parent_path().c_str(), 0700);
  }
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return base::Status::IoError("cannot create identity key " + file.string() + ": " + std::strerror(errno));
  const std::string hex = base::ToHex(identity.private_key);
  const bool ok = ::write(fd, hex.data(), hex.size()) == ssize_t(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return base::Status::IoError("cannot write identity key " + file.string());
  return base::Status::Ok();
}

}  // namespace post
