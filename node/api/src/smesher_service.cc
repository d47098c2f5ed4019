#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "node/types/address.h"
#include "services.h"

namespace node::api {
namespace {

const grpc::Status kNotSupervised{grpc::StatusCode::FAILED_PRECONDITION,
                                  "node is not configured for supervised smeshing"};

void SetOk(google::rpc::Status* status) { status->set_code(0); }

}  // namespace

grpc::ServerUnaryReactor* SmesherService::IsSmeshing(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                                     pb::IsSmeshingResponse* response) {
  if (!context_.smeshers->supervised()) return Reply(ctx, kNotSupervised);
  response->set_is_smeshing(context_.smeshers->started());
  return Reply(ctx);
}

// Supervised only. This node never runs PoST initialization itself (post-services and postcli
// do), so starting means: take the coinbase, allow the post-service in, start the ATX builder.
grpc::ServerUnaryReactor* SmesherService::StartSmeshing(grpc::CallbackServerContext* ctx,
                                                        const pb::StartSmeshingRequest* request,
                                                        pb::StartSmeshingResponse* response) {
  Smeshers& smeshers = *context_.smeshers;
  if (!smeshers.supervised()) return Reply(ctx, kNotSupervised);
  if (!request->has_coinbase()) return Reply(ctx, {grpc::StatusCode::INVALID_ARGUMENT, "`Coinbase` must be provided"});
  const std::string& hrp = context_.config->main.network_hrp;
  if (auto parsed = ParseAddress(request->coinbase().address(), hrp); !parsed.ok()) {
    return Reply(ctx, {grpc::StatusCode::INVALID_ARGUMENT, "failed to parse coinbase: " + parsed.status().message()});
  }
  if (smeshers.started()) return Reply(ctx, {grpc::StatusCode::INTERNAL, "failed to start smeshing: already started"});
  smeshers.set_coinbase(request->coinbase().address());
  smeshers.set_connections_allowed(true);
  smeshers.set_started(true);
  if (context_.builder) context_.builder->Start();
  spdlog::info("smeshing started with coinbase {}", request->coinbase().address());
  SetOk(response->mutable_status());
  return Reply(ctx);
}

// Stops ATX building for every identity; with delete_files the cycle state is dropped and every
// identity goes IDLE. PoST data is never deleted by the node (it lives with the post-services).
grpc::ServerUnaryReactor* SmesherService::StopSmeshing(grpc::CallbackServerContext* ctx,
                                                       const pb::StopSmeshingRequest* request,
                                                       pb::StopSmeshingResponse* response) {
  Smeshers& smeshers = *context_.smeshers;
  if (!smeshers.started()) return Reply(ctx, {grpc::StatusCode::INTERNAL, "failed to stop smeshing: not started"});
  smeshers.set_started(false);
  if (context_.builder) context_.builder->Stop();
  if (request->delete_files()) {
    for (const base::Hash32& id : smeshers.Ids()) {
      if (auto status = context_.store->ResetCycle(id); !status.ok()) {
        return Reply(ctx, {grpc::StatusCode::INTERNAL, "failed to stop smeshing: " + status.message()});
      }
      smeshers.SetState(id, PostState::kIdle);
    }
  }
  spdlog::info("smeshing stopped{}", request->delete_files() ? " and cycle state deleted" : "");
  SetOk(response->mutable_status());
  return Reply(ctx);
}

grpc::ServerUnaryReactor* SmesherService::SmesherIDs(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                                     pb::SmesherIDsResponse* response) {
  for (const base::Hash32& id : context_.smeshers->Ids()) response->add_public_keys(id.data(), id.size());
  return Reply(ctx);
}

grpc::ServerUnaryReactor* SmesherService::Coinbase(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                                   pb::CoinbaseResponse* response) {
  std::string coinbase = context_.smeshers->coinbase();
  if (coinbase.empty()) coinbase = FormatAddress(Address{}, context_.config->main.network_hrp);
  response->mutable_account_id()->set_address(coinbase);
  return Reply(ctx);
}

// Changes where rewards go from the next ATX on. Does not allow post-services in (reference).
grpc::ServerUnaryReactor* SmesherService::SetCoinbase(grpc::CallbackServerContext* ctx,
                                                      const pb::SetCoinbaseRequest* request,
                                                      pb::SetCoinbaseResponse* response) {
  if (!request->has_id()) return Reply(ctx, {grpc::StatusCode::INVALID_ARGUMENT, "`Id` must be provided"});
  if (auto parsed = ParseAddress(request->id().address(), context_.config->main.network_hrp); !parsed.ok()) {
    return Reply(ctx, {grpc::StatusCode::UNKNOWN, "failed to parse coinbase: " + parsed.status().message()});
  }
  context_.smeshers->set_coinbase(request->id().address());
  spdlog::info("coinbase set to {}", request->id().address());
  SetOk(response->mutable_status());
  return Reply(ctx);
}

// The node does not initialize PoST data (postcli and post-services do), so its own setup
// status is always "not started", as the reference reports for remote setups.
grpc::ServerUnaryReactor* SmesherService::PostSetupStatus(grpc::CallbackServerContext* ctx,
                                                          const google::protobuf::Empty*,
                                                          pb::PostSetupStatusResponse* response) {
  response->mutable_status()->set_state(pb::PostSetupStatus::STATE_NOT_STARTED);
  response->mutable_status()->set_num_labels_written(0);
  return Reply(ctx);
}

grpc::ServerUnaryReactor* SmesherService::PostConfig(grpc::CallbackServerContext* ctx, const google::protobuf::Empty*,
                                                     pb::PostConfigResponse* response) {
  const Config::Post& post = context_.config->post;
  response->set_bits_per_label(128);
  response->set_labels_per_unit(post.labels_per_unit);
  response->set_min_num_units(post.min_numunits);
  response->set_max_num_units(post.max_numunits);
  response->set_k1(post.k1);
  response->set_k2(post.k2);
  return Reply(ctx);
}

}  // namespace node::api
