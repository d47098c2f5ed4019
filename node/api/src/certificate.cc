#include "node/api/certificate.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

#include <spdlog/spdlog.h>

#include "node/types/clock.h"

namespace node {

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
