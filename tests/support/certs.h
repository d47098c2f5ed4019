// Certificates for the TLS tests, made at test time with the openssl command line (no key is
// ever committed): a CA, a node certificate for localhost / 127.0.0.1, and a client certificate.
#pragma once

#include <filesystem>
#include <string>

namespace sm::test {

struct TestCerts {
  std::filesystem::path ca_cert, server_cert, server_key, client_cert, client_key;
};

// Writes the files into `dir`; throws std::runtime_error naming the command if openssl fails.
TestCerts MakeTestCerts(const std::filesystem::path& dir);

std::string ReadText(const std::filesystem::path& path);

}  // namespace sm::test
