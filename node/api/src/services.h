// The node's gRPC services, one class per service; they only read and change the ApiContext.
#pragma once

#include "node/api/api.h"
#include "spacemesh/v1/activation.grpc.pb.h"
#include "spacemesh/v1/admin.grpc.pb.h"
#include "spacemesh/v1/node.grpc.pb.h"
#include "spacemesh/v1/post.grpc.pb.h"
#include "spacemesh/v1/smesher.grpc.pb.h"

namespace node::api {

namespace pb = spacemesh::v1;

// PostStates: every identity with its state and key-file name (node.md §2).
class PostInfoService final : public pb::PostInfoService::CallbackService {
 public:
  explicit PostInfoService(const ApiContext& context) : context_(context) {}
  grpc::ServerUnaryReactor* PostStates(grpc::CallbackServerContext* ctx, const pb::PostStatesRequest* request,
                                       pb::PostStatesResponse* response) override;

 private:
  const ApiContext& context_;
};

// Smeshing control with the reference semantics for remote and supervised setups (node.md §3).
class SmesherService final : public pb::SmesherService::CallbackService {
 public:
  explicit SmesherService(const ApiContext& context) : context_(context) {}
  grpc::ServerUnaryReactor* IsSmeshing(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                       pb::IsSmeshingResponse* response) override;
  grpc::ServerUnaryReactor* StartSmeshing(grpc::CallbackServerContext* ctx, const pb::StartSmeshingRequest* request,
                                          pb::StartSmeshingResponse* response) override;
  grpc::ServerUnaryReactor* StopSmeshing(grpc::CallbackServerContext* ctx, const pb::StopSmeshingRequest* request,
                                         pb::StopSmeshingResponse* response) override;
  grpc::ServerUnaryReactor* SmesherIDs(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                       pb::SmesherIDsResponse* response) override;
  grpc::ServerUnaryReactor* Coinbase(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                     pb::CoinbaseResponse* response) override;
  grpc::ServerUnaryReactor* SetCoinbase(grpc::CallbackServerContext* ctx, const pb::SetCoinbaseRequest* request,
                                        pb::SetCoinbaseResponse* response) override;
  grpc::ServerUnaryReactor* PostSetupStatus(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                            pb::PostSetupStatusResponse* response) override;
  grpc::ServerUnaryReactor* PostConfig(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                       pb::PostConfigResponse* response) override;

 private:
  const ApiContext& context_;
};

// Version, build and the node's view of the network clock.
class NodeService final : public pb::NodeService::CallbackService {
 public:
  explicit NodeService(const ApiContext& context) : context_(context) {}
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* ctx, const pb::EchoRequest* request,
                                 pb::EchoResponse* response) override;
  grpc::ServerUnaryReactor* Version(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                    pb::VersionResponse* response) override;
  grpc::ServerUnaryReactor* Build(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                  pb::BuildResponse* response) override;
  grpc::ServerUnaryReactor* Status(grpc::CallbackServerContext* ctx, const pb::StatusRequest* request,
                                   pb::StatusResponse* response) override;
  grpc::ServerUnaryReactor* NodeInfo(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                     pb::NodeInfoResponse* response) override;

 private:
  const ApiContext& context_;
};

// Highest (the commitment ATX for postcli, node.md §4) and Get by id.
class ActivationService final : public pb::ActivationService::CallbackService {
 public:
  explicit ActivationService(const ApiContext& context) : context_(context) {}
  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* ctx, const pb::GetRequest* request,
                                pb::GetResponse* response) override;
  grpc::ServerUnaryReactor* Highest(grpc::CallbackServerContext* ctx, const google::protobuf::Empty* request,
                                    pb::HighestResponse* response) override;

 private:
  const ApiContext& context_;
};

// EventsStream: the replay of the last 100 events, then live ones (node.md §4).
class AdminService final : public pb::AdminService::CallbackService {
 public:
  explicit AdminService(const ApiContext& context) : context_(context) {}
  grpc::ServerWriteReactor<pb::Event>* EventsStream(grpc::CallbackServerContext* ctx,
                                                    const pb::EventStreamRequest* request) override;

 private:
  const ApiContext& context_;
};

// Finishes a unary call with `status`.
grpc::ServerUnaryReactor* Reply(grpc::CallbackServerContext* ctx, const grpc::Status& status = grpc::Status::OK);

}  // namespace node::api
