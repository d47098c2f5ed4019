#include "store_test_util.h"

namespace node::test {

base::Hash32 Id(uint64_t seed, uint8_t salt) {
  base::Hash32 id{};
  for (size_t i = 0; i < id.size(); ++i) id[i] = static_cast<uint8_t>((seed >> (8 * (i % 8))) + i * 31 + salt);
  return id;
}

InitialPost SampleInitialPost(uint64_t seed) {
  return {static_cast<uint32_t>(seed + 1),
          std::string(40 + seed % 7, char(seed)),
          seed * 3 + 7,
          static_cast<uint32_t>(seed % 100 + 4),
          1024 + seed,
          Id(seed, 1),
          seed * 11 + 5,
          Id(seed, 2)};
}

NipostChallenge SampleChallenge(uint64_t seed) {
  NipostChallenge c{static_cast<uint32_t>(seed % 50 + 2), seed + 9, Id(seed, 3), Id(seed, 4), std::nullopt, false};
  if (seed % 2 == 0) {
    c.commitment_atx = Id(seed, 5);
    c.initial_post = true;
  }
  return c;
}

PoetRegistration SampleRegistration(uint64_t seed, std::string address) {
  return {std::move(address), Id(seed, 6), "round-" + std::to_string(seed), 1700000000000 + int64_t(seed)};
}

Nipost SampleNipost(uint64_t seed) {
  Nipost n;
  n.poet_proof_ref = Id(seed, 7);
  n.poet_url = "http://127.0.0.1:" + std::to_string(10000 + seed);
  n.poet_round = std::to_string(seed);
  n.poet_leaves = seed + 100;
  n.membership_index = seed * 3;
  for (uint64_t i = 0; i < seed % 5; ++i) n.membership_nodes.push_back(Id(seed + i, 9));
  n.has_post = seed % 2 == 0;
  n.nonce = static_cast<uint32_t>(seed + 2);
  n.indices = std::string(60 + seed % 13, char(seed * 7));
  n.pow = seed * 5 + 1;
  n.num_units = static_cast<uint32_t>(seed % 9 + 1);
  n.labels_per_unit = 2048 + seed;
  n.vrf_nonce = seed * 13;
  return n;
}

Atx SampleAtx(uint64_t seed, const base::Hash32& node_id, uint32_t epoch, uint64_t base_tick_height,
              uint64_t tick_count) {
  return {Id(seed, 8),
          node_id,
          epoch,
          seed + 1,
          Id(seed, 9),
          Id(seed, 10),
          Id(seed, 11),
          static_cast<uint32_t>(seed % 9 + 1),
          seed * 17,
          base_tick_height,
          tick_count,
          "sm1qqqqqqzz" + std::to_string(seed),
          1700000000000 + int64_t(seed),
          std::string(100 + seed % 7, char(seed))};
}

}  // namespace node::test
