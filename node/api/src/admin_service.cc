#include <mutex>

#include "event_proto.h"
#include "services.h"

namespace node::api {
namespace {

// One EventsStream call: writes the subscription's queue one event at a time. The bus wakes it
// through `link`, which outlives the reactor, so a late wake-up never touches a deleted stream.
class EventsWriter final : public grpc::ServerWriteReactor<pb::Event> {
 public:
  explicit EventsWriter(EventBus* bus) : bus_(bus), link_(std::make_shared<Link>()) {
    link_->writer = this;
    StartSendInitialMetadata();  // the reference sends an empty header at once
    std::weak_ptr<Link> weak = link_;
    std::lock_guard lock(link_->mu);  // a wake-up waits until subscription_ is set
    subscription_ = bus_->Subscribe([weak] {
      if (auto link = weak.lock()) {
        std::lock_guard lock(link->mu);
        if (link->writer) link->writer->Pump();
      }
    });
    Pump();
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard lock(link_->mu);
    writing_ = false;
    if (!ok) {
      End(grpc::Status::OK);
      return;
    }
    Pump();
  }

  void OnCancel() override {
    std::lock_guard lock(link_->mu);
    cancelled_ = true;
    if (!writing_) End(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    bus_->Unsubscribe(subscription_);
    {
      std::lock_guard lock(link_->mu);
      link_->writer = nullptr;
    }
    delete this;
  }

 private:
  struct Link {
    std::mutex mu;
    EventsWriter* writer = nullptr;  // guarded by mu; null once the call is done
  };

  // Requires link_->mu. Starts the next write, or ends the call if it fell too far behind.
  void Pump() {
    if (writing_ || finished_) return;
    if (cancelled_) {
      End(grpc::Status::CANCELLED);
      return;
    }
    if (auto event = subscription_->Next()) {
      current_ = ToProto(*event);
      writing_ = true;
      StartWrite(&current_);
    } else if (subscription_->overflowed()) {
      End({grpc::StatusCode::CANCELLED, "buffer is full"});
    }
  }

  void End(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  EventBus* bus_;
  std::shared_ptr<Link> link_;
  std::shared_ptr<EventBus::Subscription> subscription_;
  pb::Event current_;       // the event being written; guarded by link_->mu
  bool writing_ = false;    // guarded by link_->mu
  bool cancelled_ = false;  // guarded by link_->mu
  bool finished_ = false;   // guarded by link_->mu
};

}  // namespace

grpc::ServerWriteReactor<pb::Event>* AdminService::EventsStream(grpc::CallbackServerContext*,
                                                                const pb::EventStreamRequest*) {
  return new EventsWriter(context_.events);
}

}  // namespace node::api
