#include "services.h"

namespace node::api {

grpc::ServerUnaryReactor* PostInfoService::PostStates(grpc::CallbackServerContext* ctx, const pb::PostStatesRequest*,
                                                      pb::PostStatesResponse* response) {
  for (const SmesherStatus& smesher : context_.smeshers->Snapshot()) {
    pb::PostState* state = response->add_states();
    state->set_id(smesher.node_id.data(), smesher.node_id.size());
    state->set_state(smesher.state == PostState::kProving ? pb::PostState::PROVING : pb::PostState::IDLE);
    state->set_name(smesher.name);
  }
  return Reply(ctx);
}

}  // namespace node::api
