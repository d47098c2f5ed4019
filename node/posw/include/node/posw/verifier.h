// The PoSW check every node runs on a PoET proof before using it (reference/activation.md §4.4;
// PO verifier/verifier.go, as go-spacemesh's poetdb calls it).
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "node/posw/labels.h"
#include "node/wire/poet_proof.h"

namespace node::posw {

// OK when `proof` is honest sequential work over `statement`, in the reference's order: exactly
// security_param proven leaves; indices FiatShamir(root, leaf_count); the partial tree leads to
// root with one parking snapshot per leaf; each label equals its recomputation from its index
// and snapshot. InvalidProof naming the failed check otherwise.
base::Status Verify(const wire::PoetProof& proof, std::span<const uint8_t> statement,
                    uint32_t security_param = kSecurityParam);

}  // namespace node::posw
