#include "services.h"

namespace node::api {
namespace {

void ToActivation(const Atx& atx, pb::Activation* out) {
  out->mutable_id()->set_id(atx.id.data(), atx.id.size());
  out->mutable_layer()->set_number(atx.publish_epoch);  // the reference puts the publish epoch here
  out->mutable_smesher_id()->set_id(atx.node_id.data(), atx.node_id.size());
  out->mutable_coinbase()->set_address(atx.coinbase);
  out->mutable_prev_atx()->set_id(atx.prev_atx.data(), atx.prev_atx.size());
  out->add_previous_atxs()->set_id(atx.prev_atx.data(), atx.prev_atx.size());
  out->set_num_units(atx.num_units);
  out->set_sequence(atx.sequence);
}

}  // namespace

grpc::ServerUnaryReactor* ActivationService::Get(grpc::CallbackServerContext* ctx, const pb::GetRequest* request,
                                                 pb::GetResponse* response) {
  if (request->id().size() != 32) {
    return Reply(ctx, {grpc::StatusCode::INVALID_ARGUMENT,
                       "invalid ATX ID length (" + std::to_string(request->id().size()) + "), expected (32)"});
  }
  base::Hash32 id{};
  std::copy(request->id().begin(), request->id().end(), id.begin());
  auto atx = context_.store->GetAtx(id);
  if (!atx.ok()) return Reply(ctx, {grpc::StatusCode::INTERNAL, atx.status().message()});
  if (!atx->has_value()) return Reply(ctx, {grpc::StatusCode::NOT_FOUND, "id was not found"});
  ToActivation(**atx, response->mutable_atx());
  return Reply(ctx);
}

// The ATX with the most ticks of the last two epochs; the golden ATX id alone while there is none.
grpc::ServerUnaryReactor* ActivationService::Highest(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                                     pb::HighestResponse* response) {
  auto atx = context_.store->HighestAtx();
  if (!atx.ok()) return Reply(ctx, {grpc::StatusCode::INTERNAL, atx.status().message()});
  if (atx->has_value()) {
    ToActivation(**atx, response->mutable_atx());
  } else {
    response->mutable_atx()->mutable_id()->set_id(context_.golden_atx.data(), context_.golden_atx.size());
  }
  return Reply(ctx);
}

}  // namespace node::api
