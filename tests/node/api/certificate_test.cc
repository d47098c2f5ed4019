#include <catch2/catch.hpp>

#include <fstream>

#include "node/api/certificate.h"
#include "support/certs.h"
#include "test_util.h"

namespace node {
namespace {

TEST_CASE("a certificate's expiry is read from its PEM file") {
  post::test::TempDir dir;
  const sm::test::TestCerts certs = sm::test::MakeTestCerts(dir.path());
  auto expiry = ReadCertificateExpiry(certs.server_cert);
  REQUIRE(expiry.ok());
  CHECK(expiry->file == certs.server_cert.string());
  // The test certificates are valid for two days from now.
  const auto left = expiry->not_after - std::chrono::system_clock::now();
  CHECK(left > std::chrono::hours(47));
  CHECK(left <= std::chrono::hours(48));
}

TEST_CASE("a file without a certificate is an error naming it") {
  post::test::TempDir dir;
  const auto file = dir.path() / "not-a-cert.pem";
  std::ofstream(file) << "hello\n";
  auto expiry = ReadCertificateExpiry(file);
  REQUIRE_FALSE(expiry.ok());
  CHECK(expiry.status().message() == file.string() + " holds no PEM certificate");
  CHECK_FALSE(ReadCertificateExpiry(dir.path() / "missing.pem").ok());
}

}  // namespace
}  // namespace node
