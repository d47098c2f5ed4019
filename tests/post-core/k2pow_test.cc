#include <randomx.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "post/k2pow.h"
#include "test_util.h"

namespace post {
namespace {

TEST_CASE("k2pow input layout and vectors (light mode)", "[k2pow]") {
  auto vm = test::LightRandomX()->CreateVm();
  REQUIRE(vm.ok());
  const auto vectors = test::LoadVectors("k2pow.json");  // outlives the loop over its parts
  for (const auto& v : vectors["vectors"]) {
    base::Hash32 challenge{};
    auto c8 = test::Hex(v["challenge8"]);
    std::copy(c8.begin(), c8.end(), challenge.begin());
    const base::Hash32 miner = test::Hex32(v["miner_id"]), difficulty = test::Hex32(v["difficulty"]);
    const uint64_t pow = v["valid_pow"];
    const uint8_t group = v["nonce_group"];
    auto input = K2PowInput(pow, group, challenge, miner);
    CHECK(test::HexOf(input) == v["randomx_input"].get<std::string>());
    CHECK(test::HexOf(vm->Hash(input.data(), input.size())) == v["randomx_hash"].get<std::string>());
    CHECK(K2PowValid(*vm, pow, group, challenge, miner, difficulty));
    // The search finds a valid pow no larger than the known one.
    auto found = SolveK2Pow(*test::LightRandomX(), group, challenge, miner, difficulty, 1);
    REQUIRE(found.ok());
    CHECK(*found <= pow);
    CHECK(K2PowValid(*vm, *found, group, challenge, miner, difficulty));
  }
}

TEST_CASE("the light cache asks for huge pages", "[k2pow]") {
  // Light verification reads the 256 MiB cache at random; on 4 KiB pages it is ~25% slower.
  auto rx = test::LightRandomX();
  REQUIRE(rx);
  if (!test::KernelHasHugePages()) return;  // nothing to advise on such kernels
  const auto advised = test::HugePageAdvisedMappings();
  // The advised part is the mapping's 2 MiB-aligned interior: at least 252 of its 256 MiB.
  CHECK(std::any_of(advised.begin(), advised.end(), [](size_t s) { return s >= (size_t(252) << 20); }));
}

TEST_CASE("RandomX is the upstream default configuration", "[k2pow]") {
  // Debian's librandomx must be the upstream default configuration the network uses.
  auto v = test::LoadVectors("misc.json")["randomx_upstream"];
  const std::string key = v["key"], input = v["input"];
  const randomx_flags flags = randomx_get_flags();
  randomx_cache* cache = randomx_alloc_cache(flags);
  REQUIRE(cache != nullptr);
  randomx_init_cache(cache, key.data(), key.size());
  randomx_vm* vm = randomx_create_vm(flags, cache, nullptr);
  REQUIRE(vm != nullptr);
  base::Hash32 out;
  randomx_calculate_hash(vm, input.data(), input.size(), out.data());
  randomx_destroy_vm(vm);
  randomx_release_cache(cache);
  CHECK(test::HexOf(out) == v["hash"].get<std::string>());
}

TEST_CASE("k2pow fast mode agrees with light mode and searches on several threads", "[k2pow][fast]") {
  auto fast = RandomX::Create(RandomXMode::kFast, 0);
  REQUIRE(fast.ok());
  auto vm = (*fast)->CreateVm();
  REQUIRE(vm.ok());
  const auto v = test::LoadVectors("k2pow.json")["vectors"][1];
  auto c8 = test::Hex(v["challenge8"]);
  base::Hash32 challenge{};
  std::copy(c8.begin(), c8.end(), challenge.begin());
  auto input = K2PowInput(v["valid_pow"], v["nonce_group"], challenge, test::Hex32(v["miner_id"]));
  CHECK(test::HexOf(vm->Hash(input.data(), input.size())) == v["randomx_hash"].get<std::string>());

  base::Hash32 hard{};  // 1 in 256 hashes qualify
  std::fill(hard.begin() + 1, hard.end(), 0xff);
  auto found = SolveK2Pow(**fast, 9, challenge, test::Hex32(v["miner_id"]), hard, 2);
  REQUIRE(found.ok());
  CHECK(K2PowValid(*vm, *found, 9, challenge, test::Hex32(v["miner_id"]), hard));
}

TEST_CASE("k2pow search stops when asked", "[k2pow]") {
  std::atomic<bool> stop{true};
  base::Hash32 impossible{};
  auto found = SolveK2Pow(*test::LightRandomX(), 0, base::Hash32{}, base::Hash32{}, impossible, 1, &stop);
  CHECK(found.status().code() == base::Status::Code::kAborted);
}

}  // namespace
}  // namespace post
