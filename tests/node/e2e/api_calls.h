// gRPC calls that several end-to-end tests make, each required to succeed, and the key files
// they are compared with.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "base/bytes.h"

namespace node::test {

// Key-file name ("a.key") -> node id.
using NamedIds = std::map<std::string, base::Hash32>;

// The node ids of <data>/identities/*.key, by file name.
NamedIds KeyFiles(const std::filesystem::path& data);

// A deadline of kTimeout for one call.
void SetDeadline(grpc::ClientContext& context);

// PostInfoService.PostStates as name -> id; every state must be IDLE or PROVING (an identity
// whose initial post is wanted is PROVING while it waits for its service).
NamedIds StateNames(const std::shared_ptr<grpc::Channel>& channel);
// SmesherService.SmesherIDs, sorted.
std::vector<base::Hash32> SmesherIds(const std::shared_ptr<grpc::Channel>& channel);

}  // namespace node::test
