// When the TLS certificates the node serves with stop being valid. Expired certificates fail
// every post-service's handshake at once, and the usual example certificates last 60 days
// (users.md §4), so the node says so at startup and in /metrics, weeks ahead.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "base/status.h"

namespace node {

struct CertificateExpiry {
  std::string file;
  std::chrono::system_clock::time_point not_after;
};

// The mTLS listener's files, checked before anything binds: each is readable PEM of the right kind
// and the key belongs to the certificate. Errors name the setting, the file and what is wrong.
// Warns when the key can be read by group or others, as for identity keys.
base::Status CheckTlsFiles(const std::filesystem::path& ca_cert, const std::filesystem::path& cert,
                           const std::filesystem::path& key);

// The validity end of the first certificate in a PEM file; errors name the file.
base::Result<CertificateExpiry> ReadCertificateExpiry(const std::filesystem::path& pem_file);

// Logs an error for an expired certificate and a warning for one that expires within
// `warn_within` of `now`.
void LogCertificateExpiry(const CertificateExpiry& expiry, std::chrono::system_clock::time_point now,
                          std::chrono::hours warn_within);

}  // namespace node
