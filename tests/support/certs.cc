#include "support/certs.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sm::test {
namespace {

void Run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) throw std::runtime_error("failed: " + command);
}

void WriteText(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

// A key and a certificate signed by the CA in `dir`, with the given extensions.
void Issue(const std::filesystem::path& dir, const std::string& name, const std::string& extensions) {
  const std::string d = dir.string() + "/";
  WriteText(dir / (name + ".ext"), extensions);
  Run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=" + name + " -keyout " + d + name +
      ".key -out " + d + name + ".csr");
  Run("openssl x509 -req -days 2 -in " + d + name + ".csr -CA " + d + "ca.pem -CAkey " + d +
      "ca.key -CAcreateserial -extfile " + d + name + ".ext -out " + d + name + ".pem");
}

}  // namespace

TestCerts MakeTestCerts(const std::filesystem::path& dir) {
  const std::string d = dir.string() + "/";
  Run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=test-ca -keyout " +
      d + "ca.key -out " + d + "ca.pem");
  Issue(dir, "node", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  Issue(dir, "client", "extendedKeyUsage=clientAuth\n");
  return {dir / "ca.pem", dir / "node.pem", dir / "node.key", dir / "client.pem", dir / "client.key"};
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace sm::test
