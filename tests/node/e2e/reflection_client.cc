#include "reflection_client.h"

#include <grpcpp/generic/generic_stub.h>

#include <google/protobuf/unknown_field_set.h>
#include <algorithm>
#include <future>

#include "support/poll.h"

namespace node::test {
namespace {

constexpr const char* kMethod = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

// ServerReflectionRequest{list_services = 7: ""}: tag (7 << 3 | length-delimited), length 0.
const std::string kListServicesRequest("\x3a\x00", 2);

// The length-delimited fields numbered `number` of an encoded message.
std::vector<std::string> Fields(const std::string& message, int number) {
  google::protobuf::UnknownFieldSet fields;
  std::vector<std::string> out;
  if (!fields.ParseFromString(message)) return out;
  for (int i = 0; i < fields.field_count(); ++i) {
    const auto& field = fields.field(i);
    if (field.number() == number && field.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      out.push_back(field.length_delimited());
    }
  }
  return out;
}

// ServerReflectionResponse{list_services_response = 6: ListServiceResponse{service = 1:
// ServiceResponse{name = 1}}}.
std::vector<std::string> ServiceNames(const std::string& response) {
  std::vector<std::string> names;
  for (const auto& list : Fields(response, 6)) {
    for (const auto& service : Fields(list, 1)) {
      for (const auto& name : Fields(service, 1)) names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// One request (with the half-close), one response, then the status.
class ListCall final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  explicit ListCall(const std::shared_ptr<grpc::Channel>& channel) : stub_(channel) {
    context_.set_deadline(std::chrono::system_clock::now() + sm::test::kTimeout);
    grpc::Slice slice(kListServicesRequest);
    request_ = grpc::ByteBuffer(&slice, 1);
    stub_.PrepareBidiStreamingCall(&context_, kMethod, grpc::StubOptions(), this);
    StartWriteLast(&request_, grpc::WriteOptions());
    StartRead(&response_);
    StartCall();
  }

  ServiceList Result() {
    ServiceList list;
    list.status = done_.get_future().get();
    if (list.status.ok()) list.names = ServiceNames(text_);
    return list;
  }

  void OnReadDone(bool ok) override {
    std::vector<grpc::Slice> slices;
    if (!ok || !response_.Dump(&slices).ok()) return;
    for (const auto& slice : slices) text_.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }

  void OnDone(const grpc::Status& status) override { done_.set_value(status); }

 private:
  grpc::GenericStub stub_;
  grpc::ClientContext context_;
  grpc::ByteBuffer request_, response_;
  std::string text_;
  std::promise<grpc::Status> done_;
};

}  // namespace

ServiceList ListServices(const std::shared_ptr<grpc::Channel>& channel) {
  ListCall call(channel);
  return call.Result();
}

}  // namespace node::test
