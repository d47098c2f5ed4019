// The plain events of the activation layer as spacemesh.v1.Event messages (admin_types.proto).
#pragma once

#include "node/activation/events.h"
#include "spacemesh/v1/admin_types.pb.h"

namespace node::api {

spacemesh::v1::Event ToProto(const Event& event);

}  // namespace node::api
