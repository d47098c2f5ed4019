#include "services.h"

namespace node::api {

grpc::ServerUnaryReactor* NodeService::Echo(grpc::CallbackServerContext* ctx, const pb::EchoRequest* request,
                                            pb::EchoResponse* response) {
  if (!request->has_msg()) return Reply(ctx, {grpc::StatusCode::INVALID_ARGUMENT, "Must include `Msg`"});
  response->mutable_msg()->set_value(request->msg().value());
  return Reply(ctx);
}

grpc::ServerUnaryReactor* NodeService::Version(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                               pb::VersionResponse* response) {
  response->mutable_version_string()->set_value(context_.version);
  return Reply(ctx);
}

grpc::ServerUnaryReactor* NodeService::Build(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                             pb::BuildResponse* response) {
  response->mutable_build_string()->set_value("spacemesh-cpp " + context_.version);
  return Reply(ctx);
}

// Without a p2p network the node is its own source of truth: a standalone network is synced to
// its clock; on any other network the node has no peers and is not synced.
grpc::ServerUnaryReactor* NodeService::Status(grpc::CallbackServerContext* ctx, const pb::StatusRequest*,
                                              pb::StatusResponse* response) {
  const uint32_t layer = context_.clock->CurrentLayer();
  const bool synced = context_.config->main.standalone;
  pb::NodeStatus* status = response->mutable_status();
  status->set_connected_peers(0);
  status->set_is_synced(synced);
  status->mutable_top_layer()->set_number(layer);
  status->mutable_synced_layer()->set_number(synced ? layer : 0);
  status->mutable_verified_layer()->set_number(synced ? layer : 0);
  return Reply(ctx);
}

grpc::ServerUnaryReactor* NodeService::NodeInfo(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                                pb::NodeInfoResponse* response) {
  const uint32_t epoch_size = context_.clock->layers_per_epoch();
  response->set_hrp(context_.config->main.network_hrp);
  response->set_first_genesis(2 * epoch_size - 1);  // the last layer of epoch 1, as the reference
  response->set_effective_genesis(2 * epoch_size - 1);
  response->set_epoch_size(epoch_size);
  return Reply(ctx);
}

}  // namespace node::api
