// Sample records for the state store tests: every field set, derived from a seed.
#pragma once

#include <cstdint>

#include "node/store/state_store.h"

namespace node::test {

base::Hash32 Id(uint64_t seed, uint8_t salt = 0);
InitialPost SampleInitialPost(uint64_t seed);
NipostChallenge SampleChallenge(uint64_t seed);
PoetRegistration SampleRegistration(uint64_t seed, std::string address);
Nipost SampleNipost(uint64_t seed);
Atx SampleAtx(uint64_t seed, const base::Hash32& node_id, uint32_t epoch, uint64_t base_tick_height,
              uint64_t tick_count);

}  // namespace node::test
