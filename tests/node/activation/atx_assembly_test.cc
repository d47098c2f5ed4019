#include "atx_assembly.h"

#include <catch2/catch.hpp>

namespace node {
namespace {

Nipost SampleNipost() {
  Nipost n;
  n.poet_proof_ref = base::Hash32{9, 9};
  n.poet_leaves = 2005;
  n.membership_index = 3;
  n.membership_nodes = {base::Hash32{1}, base::Hash32{2}};
  n.has_post = true;
  n.nonce = 5;
  n.indices = "\x01\x02\x03";
  n.pow = 77;
  n.num_units = 4;
  n.labels_per_unit = 1024;
  n.vrf_nonce = 1234;
  return n;
}

TEST_CASE("the first ATX embeds the initial post, the commitment and the VRF nonce", "[node][atx_assembly]") {
  InitialPost initial{7, "\x0a\x0b", 99, 4, 1024, base::Hash32{5}, 1234, {}};
  NipostChallenge stored{2, 0, {}, base::Hash32{8}, base::Hash32{5}, true};
  const wire::NIPostChallengeV1 challenge = WireChallenge(stored, initial);
  REQUIRE(challenge.initial_post);
  CHECK(challenge.initial_post->nonce == 7);
  CHECK(challenge.initial_post->pow == 99);
  CHECK(challenge.commitment_atx == base::Hash32{5});

  const Address coinbase{0, 0, 0, 0, 0x31};
  const wire::ActivationTxV1 atx = AssembleAtx(coinbase, challenge, SampleNipost(), std::nullopt);
  CHECK(atx.inner.coinbase == coinbase);
  CHECK(atx.inner.num_units == 4);
  CHECK(atx.inner.vrf_nonce == 1234u);
  REQUIRE(atx.inner.nipost);
  CHECK(atx.inner.nipost->membership.leaf_index == 3);
  CHECK(atx.inner.nipost->membership.nodes.size() == 2);
  const base::Hash32 ref = SampleNipost().poet_proof_ref;
  CHECK(atx.inner.nipost->post_metadata->challenge == std::vector<uint8_t>(ref.begin(), ref.end()));
  CHECK(atx.inner.nipost->post_metadata->labels_per_unit == 1024);
}

TEST_CASE("a later ATX leaves the VRF nonce out unless it changed, and counts effective units",
          "[node][atx_assembly]") {
  NipostChallenge stored{3, 1, base::Hash32{4}, base::Hash32{4}, std::nullopt, false};
  const wire::NIPostChallengeV1 challenge = WireChallenge(stored, std::nullopt);
  CHECK_FALSE(challenge.initial_post);
  Atx previous;
  previous.id = base::Hash32{4};
  previous.num_units = 2;
  previous.vrf_nonce = 1234;
  previous.commitment_atx = base::Hash32{5};
  const Nipost nipost = SampleNipost();
  CHECK_FALSE(AssembleAtx({}, challenge, nipost, previous).inner.vrf_nonce);
  previous.vrf_nonce = 1;
  CHECK(AssembleAtx({}, challenge, nipost, previous).inner.vrf_nonce == 1234u);

  BuilderConfig config;
  config.tick_size = 100;
  const wire::ActivationTxV1 atx = AssembleAtx({}, challenge, nipost, previous);
  const Atx record = AtxRecord(config, "standalone1qq", atx, base::Hash32{6}, {1, 2}, nipost, previous, 50);
  CHECK(record.num_units == 2);    // min(previous 2, this 4)
  CHECK(record.tick_count == 20);  // 2005 leaves / 100
  CHECK(record.base_tick_height == 50);
  CHECK(record.commitment_atx == base::Hash32{5});  // inherited from the first ATX
  CHECK(record.sequence == 1);
  CHECK(record.blob == std::string("\x01\x02", 2));
}

}  // namespace
}  // namespace node
