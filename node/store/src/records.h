// Values of the state store's tables in the codec.h format. Decoders return kCorruption
// (without the key; the store adds it) for anything an encoder did not write.
#pragma once

#include <string>
#include <string_view>

#include "node/store/state_store.h"

namespace node::store {

std::string Encode(const InitialPost& post);
std::string Encode(const NipostChallenge& challenge);
std::string Encode(const PoetRegistration& registration);  // without the address (it is in the key)
std::string Encode(const Nipost& nipost);
std::string Encode(const Atx& atx);
std::string EncodeAtxId(const base::Hash32& id);  // atx_by_node values
std::string EncodeHeight(uint64_t height);        // atx_by_epoch values: base_tick_height + tick_count

base::Result<InitialPost> DecodeInitialPost(std::string_view value);
base::Result<NipostChallenge> DecodeChallenge(std::string_view value);
base::Result<PoetRegistration> DecodePoetRegistration(std::string_view value, std::string address);
base::Result<Nipost> DecodeNipost(std::string_view value);
base::Result<Atx> DecodeAtx(std::string_view value);
base::Result<base::Hash32> DecodeAtxId(std::string_view value);
base::Result<uint64_t> DecodeHeight(std::string_view value);

}  // namespace node::store
