// The stored records of a cycle as the wire types they stand for: the NIPoST challenge the PoET
// saw, and the ATX built from it, its NIPoST and the identity's post-service answers.
#pragma once

#include <optional>

#include "node/activation/builder.h"
#include "node/store/state_store.h"
#include "node/types/address.h"
#include "node/wire/atx.h"
#include "node/wire/challenge.h"

namespace node {

// The wire challenge of a stored one; the first ATX's embeds the initial post.
wire::NIPostChallengeV1 WireChallenge(const NipostChallenge& challenge, const std::optional<InitialPost>& initial);

// The unsigned ATX of a finished NIPoST. `previous` is the identity's last ATX (none for the
// first): the VRF nonce is included when there is none or it changed.
wire::ActivationTxV1 AssembleAtx(const Address& coinbase, const wire::NIPostChallengeV1& challenge,
                                 const Nipost& nipost, const std::optional<Atx>& previous);

// The stored record of a signed ATX: effective units (the smaller of this and the previous),
// ticks = PoET leaves / tick size on top of the positioning ATX's height.
Atx AtxRecord(const BuilderConfig& config, std::string coinbase, const wire::ActivationTxV1& atx,
              const base::Hash32& id, std::vector<uint8_t> blob, const Nipost& nipost,
              const std::optional<Atx>& previous, uint64_t base_tick_height);

}  // namespace node
