#include "post/identity.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace post {
namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The public key of an ed25519 seed.
std::optional<Hash32> PublicFromSeed(const uint8_t seed[32]) {
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed, 32), EVP_PKEY_free);
  Hash32 pub;
  size_t len = pub.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) != 1 || len != 32) {
    return std::nullopt;
  }
  return pub;
}

}  // namespace

Hash32 Identity::node_id() const {
  Hash32 id;
  std::memcpy(id.data(), private_key.data() + 32, 32);
  return id;
}

Result<Identity> GenerateIdentity() {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return Status::IoError("cannot generate an ed25519 key");
  }
  PkeyPtr key(raw, EVP_PKEY_free);
  Identity identity;
  size_t seed_len = 32, pub_len = 32;
  if (EVP_PKEY_get_raw_private_key(key.get(), identity.private_key.data(), &seed_len) != 1 ||
      EVP_PKEY_get_raw_public_key(key.get(), identity.private_key.data() + 32, &pub_len) != 1) {
    return Status::IoError("cannot export the generated ed25519 key");
  }
  return identity;
}

Result<Identity> LoadIdentityKey(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read identity key " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  const std::string hex = text.str();
  if (hex.size() != 128) {
    return Status::Corruption("identity key " + file.string() + ": expected 128 hex characters, got " +
                              std::to_string(hex.size()) + " bytes (no trailing newline allowed)");
  }
  auto bytes = FromHex(hex);
  if (!bytes) return Status::Corruption("identity key " + file.string() + ": not hex");
  Identity identity;
  std::memcpy(identity.private_key.data(), bytes->data(), 64);
  auto pub = PublicFromSeed(identity.private_key.data());
  if (!pub || *pub != identity.node_id()) {
    return Status::Corruption("identity key " + file.string() + ": private and public keys do not match");
  }
  return identity;
}

Status SaveIdentityKey(const std::filesystem::path& file, const Identity& identity) {
  if (file.has_parent_path() && !std::filesystem::exists(file.parent_path())) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return Status::IoError("cannot create " + file.parent_path().string() + ": " + ec.message());
    ::chmod(file.parent_path().c_str(), 0700);
  }
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError("cannot create identity key " + file.string() + ": " + std::strerror(errno));
  const std::string hex = ToHex(identity.private_key);
  const bool ok = ::write(fd, hex.data(), hex.size()) == ssize_t(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::IoError("cannot write identity key " + file.string());
  return Status::Ok();
}

}  // namespace post
