#include "node/api/certificate.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

#include <spdlog/spdlog.h>

#include "node/types/clock.h"

namespace node {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// OpenSSL's reason for the last failure, without its error-queue codes.
std::string OpenSslReason() {
  const unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  const char* reason = e != 0 ? ERR_reason_error_string(e) : nullptr;
  return reason ? reason : "no PEM data";
}

base::Result<Bio> OpenPem(const std::filesystem::path& path, const char* key) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return base::Status::IoError(std::string(key) + " " + path.string() + ": " +
                                 (ec ? ec.message() : std::filesystem::exists(path) ? "not a file" : "no such file"));
  }
  Bio bio(BIO_new_file(path.c_str(), "r"), BIO_free);
  if (!bio) return base::Status::IoError(std::string(key) + " " + path.string() + ": " + std::strerror(errno));
  return bio;
}

base::Result<Cert> ReadCert(const std::filesystem::path& path, const char* key) {
  auto bio = OpenPem(path, key);
  if (!bio.ok()) return bio.status();
  Cert cert(PEM_read_bio_X509(bio->get(), nullptr, nullptr, nullptr), X509_free);
  if (!cert) {
    return base::Status::InvalidArgument(std::string(key) + " " + path.string() +
                                         ": not a PEM certificate (" + OpenSslReason() + ")");
  }
  return cert;
}

}  // namespace

base::Status CheckTlsFiles(const std::filesystem::path& ca_cert, const std::filesystem::path& cert_file,
                           const std::filesystem::path& key_file) {
  if (auto ca = ReadCert(ca_cert, "api.grpc-tls-ca-cert"); !ca.ok()) return ca.status();
  auto cert = ReadCert(cert_file, "api.grpc-tls-cert");
  if (!cert.ok()) return cert.status();
  auto bio = OpenPem(key_file, "api.grpc-tls-key");
  if (!bio.ok()) return bio.status();
  Key key(PEM_read_bio_PrivateKey(bio->get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) {
    return base::Status::InvalidArgument("api.grpc-tls-key " + key_file.string() +
                                         ": not a PEM private key (" + OpenSslReason() + ")");
  }
  if (X509_check_private_key(cert->get(), key.get()) != 1) {
    ERR_clear_error();
    return base::Status::InvalidArgument("api.grpc-tls-key " + key_file.string() + " is not the key of api.grpc-tls-cert " +
                                         cert_file.string());
  }
  struct stat st {};
  if (stat(key_file.c_str(), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) != 0) {
    spdlog::warn("TLS key file {} can be read by other users; chmod 600 it", key_file.string());
  }
  return base::Status::Ok();
}

base::Result<CertificateExpiry> ReadCertificateExpiry(const std::filesystem::path& pem_file) {
  const std::string file = pem_file.string();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.c_str(), "r"), BIO_free);
  if (!bio) return base::Status::IoError("cannot read certificate " + file);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  if (!cert) return base::Status::InvalidArgument(file + " holds no PEM certificate");
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &tm) != 1) {
    return base::Status::InvalidArgument(file + ": unreadable validity end");
  }
  return CertificateExpiry{file, std::chrono::system_clock::from_time_t(timegm(&tm))};
}

void LogCertificateExpiry(const CertificateExpiry& expiry, std::chrono::system_clock::time_point now,
                          std::chrono::hours warn_within) {
  const std::string until = FormatRfc3339(expiry.not_after);
  if (expiry.not_after <= now) {
    spdlog::error("certificate {} expired at {}: TLS clients will be refused until it is replaced", expiry.file, until);
  } else if (expiry.not_after - now <= warn_within) {
    const auto days = std::chrono::duration_cast<std::chrono::hours>(expiry.not_after - now).count() / 24;
    spdlog::warn("certificate {} expires at {} (in {} days): renew it before then", expiry.file, until, days);
  } else {
    spdlog::info("certificate {} is valid until {}", expiry.file, until);
  }
}

}  // namespace node
