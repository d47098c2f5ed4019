// A gRPC server reflection client (grpc.reflection.v1alpha), enough to list the services of a
// listener as grpcurl does. Debian ships the reflection server but no client stubs, so the call
// goes through a generic stub with the two messages encoded by hand.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

namespace node::test {

struct ServiceList {
  grpc::Status status;
  std::vector<std::string> names;  // sorted
};

// ServerReflectionInfo with one ServerReflectionRequest{list_services: ""}.
ServiceList ListServices(const std::shared_ptr<grpc::Channel>& channel);

}  // namespace node::test
