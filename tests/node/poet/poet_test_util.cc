#include "poet_test_util.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include <memory>
#include <stdexcept>
#include <thread>

namespace node::poet::test {

Identity MakeIdentity(uint8_t seed) {
  Identity id;
  std::fill(id.private_key.begin(), id.private_key.begin() + 32, seed);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, id.private_key.data(), 32), EVP_PKEY_free);
  size_t len = 32;
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), id.node_id.data(), &len) != 1) {
    throw std::runtime_error("ed25519 test key");
  }
  std::copy(id.node_id.begin(), id.node_id.end(), id.private_key.begin() + 32);
  return id;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "poet-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ServerOptions ShortRounds(const std::filesystem::path& dir, std::chrono::milliseconds lead) {
  ServerOptions o;
  o.dir = dir;
  o.listen = "127.0.0.1:0";
  o.genesis = std::chrono::system_clock::now() + lead;
  o.epoch_duration = 2s;
  o.phase_shift = 1s;
  o.cycle_gap = 1s;
  o.max_leaves = 2000;
  return o;
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

}  // namespace node::poet::test
