#include "node/api/post_connections.h"

#include <deque>
#include <future>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/bytes.h"

namespace node {

namespace pb = spacemesh::v1;
using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kFirstPoll{100};  // then doubling up to ProofOptions::poll_interval

namespace {

// Metadata a service of this network can send. The reference pads or cuts a node id to 32 bytes;
// a service that sends another length is broken or hostile, so it is refused, as are units and
// labels the network does not allow.
grpc::Status CheckMetadata(const pb::Metadata& meta, const PostStreamPolicy& policy) {
  const auto invalid = [](std::string message) { return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message); };
  if (meta.node_id().size() != 32) {
    return invalid(fmt::format("metadata.node_id: {} bytes, want 32", meta.node_id().size()));
  }
  if (meta.commitment_atx_id().size() != 32) {
    return invalid(fmt::format("metadata.commitment_atx_id: {} bytes, want 32", meta.commitment_atx_id().size()));
  }
  if (meta.num_units() < policy.min_units || meta.num_units() > policy.max_units) {
    return invalid(fmt::format("metadata.num_units: {} is outside [{}, {}] (post-min-numunits, post-max-numunits)",
                               meta.num_units(), policy.min_units, policy.max_units));
  }
  if (policy.labels_per_unit != 0 && meta.labels_per_unit() != policy.labels_per_unit) {
    return invalid(fmt::format("metadata.labels_per_unit: {}, the network's is {}", meta.labels_per_unit(),
                               policy.labels_per_unit));
  }
  return grpc::Status::OK;
}

// Of metadata CheckMetadata accepted.
PostInfo ToPostInfo(const pb::Metadata& meta) {
  PostInfo info;
  std::copy_n(meta.node_id().begin(), std::min<size_t>(meta.node_id().size(), 32), info.node_id.begin());
  std::copy_n(meta.commitment_atx_id().begin(), std::min<size_t>(meta.commitment_atx_id().size(), 32),
              info.commitment_atx.begin());
  if (meta.has_nonce()) info.nonce = meta.nonce();
  info.num_units = meta.num_units();
  info.labels_per_unit = meta.labels_per_unit();
  return info;
}

std::string Short(const base::Hash32& id) { return base::ToHex(id).substr(0, 8); }

grpc::ByteBuffer Serialize(const pb::NodeRequest& request) {
  grpc::ByteBuffer out;
  bool own = false;
  if (!grpc::SerializationTraits<pb::NodeRequest>::Serialize(request, &out, &own).ok()) {
    throw std::logic_error("cannot serialize a NodeRequest");  // only if it exceeded 2 GiB
  }
  return out;
}

}  // namespace

// One request waiting for its answer. `abandoned` requests (the caller gave up) are skipped.
struct PostConnections::Pending {
  grpc::ByteBuffer request;  // a serialized NodeRequest
  std::promise<base::Result<pb::ServiceResponse>> answer;
  std::atomic<bool> abandoned{false};
};

// The reactor of one Register stream. A read is always outstanding, so a service that goes
// away is noticed at once; requests are written one at a time and each takes the next read.
// An answer can arrive before its request's write has completed, so a write starts only when
// the previous one has completed as well as been answered (gRPC allows one write at a time).
// Messages are read as bytes and parsed here, so that garbage is told apart from a close.
class PostConnections::Stream final : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  Stream(PostConnections* owner, grpc::CallbackServerContext* context)
      : owner_(owner), peer_(context->peer()) {
    owner_->Handshaking(this);  // before anything that can end the call
    std::lock_guard lock(mu_);  // so that the handshake sweeper's End waits for the reads to start
    if (!owner_->smeshers_->connections_allowed()) {
      spdlog::warn("refused post-service from {}: no coinbase is set, so connections are not allowed", peer_);
      finished_ = true;
      Finish({grpc::StatusCode::FAILED_PRECONDITION, "connection not allowed: node has no coinbase set in config"});
      return;
    }
    pb::NodeRequest hello;
    hello.mutable_metadata();
    hello_ = Serialize(hello);
    writing_ = true;
    StartWrite(&hello_);
    StartRead(&incoming_);
  }

  // Called with the owner's lock held.
  void Enqueue(std::shared_ptr<Pending> pending) {
    std::lock_guard lock(mu_);
    if (finished_) {
      pending->answer.set_value(base::Status::Aborted("post client closed"));
      return;
    }
    queue_.push_back(std::move(pending));
    WriteNext();
  }

  const base::Hash32& node_id() const { return info_.node_id; }
  const std::string& peer() const { return peer_; }

  // Ends the call with `status` unless it has ended already.
  void End(const grpc::Status& status) {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      End({grpc::StatusCode::UNAVAILABLE, "could not write to the post service"});
      return;
    }
    std::lock_guard lock(mu_);
    writing_ = false;
    WriteNext();
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      End(grpc::Status::OK);  // the service closed its side or went away
      return;
    }
    pb::ServiceResponse message;
    if (!grpc::SerializationTraits<pb::ServiceResponse>::Deserialize(&incoming_, &message).ok()) {
      ++owner_->unparsable_;
      spdlog::warn("{}post-service stream from {}: cannot parse ServiceResponse; closed",
                   registered_ ? "[" + Short(info_.node_id) + "] " : std::string(), peer_);
      End({grpc::StatusCode::INVALID_ARGUMENT, "cannot parse ServiceResponse"});
      return;
    }
    incoming_.Clear();
    if (!registered_) {
      Handshake(message);
      return;
    }
    std::shared_ptr<Pending> done;
    {
      std::lock_guard lock(mu_);
      done = std::move(current_);
      current_.reset();
      if (done) {
        WriteNext();
        StartRead(&incoming_);
      }
    }
    if (!done) {
      End({grpc::StatusCode::INVALID_ARGUMENT, "unexpected message: the node had not asked for anything"});
      return;
    }
    done->answer.set_value(std::move(message));
  }

  void OnDone() override {
    if (registered_) owner_->Drop(this);
    std::deque<std::shared_ptr<Pending>> left;
    {
      std::lock_guard lock(mu_);
      finished_ = true;
      if (current_) left.push_back(std::move(current_));
      for (auto& pending : queue_) left.push_back(std::move(pending));
      queue_.clear();
    }
    for (auto& pending : left) pending->answer.set_value(base::Status::Aborted("post client closed"));
    owner_->StreamGone(this);
    delete this;
  }

 private:
  // The first answer must be the metadata; it names the identity this stream serves.
  void Handshake(const pb::ServiceResponse& message) {
    owner_->HandshakeDone(this);
    if (!message.has_metadata() || !message.metadata().has_meta()) {
      End({grpc::StatusCode::INVALID_ARGUMENT, "expected a metadata response first"});
      return;
    }
    if (grpc::Status valid = CheckMetadata(message.metadata().meta(), owner_->policy_); !valid.ok()) {
      ++owner_->invalid_metadata_;
      spdlog::warn("refused post-service from {}: {}", peer_, valid.error_message());
      End(valid);
      return;
    }
    info_ = ToPostInfo(message.metadata().meta());
    grpc::Status admitted = owner_->Admit(this, info_);
    if (!admitted.ok()) {
      spdlog::warn("refused post-service from {} for {}: {}", peer_, base::ToHex(info_.node_id),
                   admitted.error_message());
      End(admitted);
      return;
    }
    registered_ = true;
    spdlog::info("[{}] post-service registered from {}: {} units x {} labels, vrf nonce {}", Short(info_.node_id),
                 peer_, info_.num_units, info_.labels_per_unit,
                 info_.nonce ? std::to_string(*info_.nonce) : std::string("none"));
    std::lock_guard lock(mu_);
    StartRead(&incoming_);
  }

  // Requires mu_. Writes the next request nobody has given up on, once the last one has been
  // both written and answered.
  void WriteNext() {
    if (writing_ || current_ || finished_) return;
    while (!queue_.empty() && queue_.front()->abandoned) queue_.pop_front();
    if (queue_.empty()) return;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    StartWrite(&current_->request);
  }

  PostConnections* owner_;
  const std::string peer_;
  grpc::ByteBuffer hello_;     // the metadata request
  grpc::ByteBuffer incoming_;  // the outstanding read's target
  PostInfo info_;
  bool registered_ = false;  // only the reactor's own callbacks touch it

  std::mutex mu_;
  std::deque<std::shared_ptr<Pending>> queue_;  // guarded by mu_
  std::shared_ptr<Pending> current_;            // written, waiting for the answer; guarded by mu_
  bool writing_ = false;                        // a write has not completed yet; guarded by mu_
  bool finished_ = false;                       // guarded by mu_
};

PostConnections::PostConnections(Smeshers* smeshers, EventBus* events, const PostStreamPolicy& policy)
    : smeshers_(smeshers), events_(events), policy_(policy), sweeper_([this] { SweepHandshakes(); }) {}

PostConnections::~PostConnections() {
  Close();
  sweeper_.join();
}

void PostConnections::Handshaking(Stream* stream) {
  std::lock_guard lock(mu_);
  handshaking_[stream] = Clock::now() + policy_.handshake_timeout;
}

void PostConnections::HandshakeDone(Stream* stream) {
  std::lock_guard lock(mu_);
  handshaking_.erase(stream);
}

void PostConnections::SweepHandshakes() {
  const auto step = std::clamp<std::chrono::milliseconds>(policy_.handshake_timeout / 4, std::chrono::milliseconds(10),
                                                          std::chrono::milliseconds(1000));
  std::unique_lock lock(mu_);
  while (!closed_) {
    changed_.wait_for(lock, step);
    const auto now = Clock::now();
    for (auto it = handshaking_.begin(); it != handshaking_.end();) {
      if (it->second > now) {
        ++it;
        continue;
      }
      ++handshake_timeouts_;
      spdlog::warn("post-service stream from {} sent no metadata within {} ms; closed", it->first->peer(),
                   policy_.handshake_timeout.count());
      it->first->End({grpc::StatusCode::DEADLINE_EXCEEDED,
                      fmt::format("no metadata within {} ms of opening the stream", policy_.handshake_timeout.count())});
      it = handshaking_.erase(it);
    }
  }
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* PostConnections::Register(
    grpc::CallbackServerContext* context) {
  {
    std::lock_guard lock(mu_);
    ++open_streams_;
  }
  return new Stream(this, context);
}

grpc::Status PostConnections::Admit(Stream* stream, const PostInfo& info) {
  if (!smeshers_->Contains(info.node_id)) {
    return {grpc::StatusCode::PERMISSION_DENIED,
            fmt::format("identity {} is not one of this node's identities (no key file for it)",
                        base::ToHex(info.node_id))};
  }
  std::lock_guard lock(mu_);
  if (closed_) return {grpc::StatusCode::UNAVAILABLE, "node is shutting down"};
  if (streams_.contains(info.node_id)) return {grpc::StatusCode::ALREADY_EXISTS, "post service already registered"};
  streams_.emplace(info.node_id, stream);
  smeshers_->SetConnected(info.node_id, true);
  changed_.notify_all();
  return grpc::Status::OK;
}

void PostConnections::Drop(Stream* stream) {
  std::lock_guard lock(mu_);
  auto it = streams_.find(stream->node_id());
  if (it == streams_.end() || it->second != stream) return;
  streams_.erase(it);
  smeshers_->SetConnected(stream->node_id(), false);
  spdlog::info("[{}] post-service disconnected", Short(stream->node_id()));
  changed_.notify_all();
}

void PostConnections::StreamGone(Stream* stream) {
  std::lock_guard lock(mu_);
  handshaking_.erase(stream);
  --open_streams_;
  changed_.notify_all();
}

size_t PostConnections::connected() const {
  std::lock_guard lock(mu_);
  return streams_.size();
}

size_t PostConnections::open_streams() const {
  std::lock_guard lock(mu_);
  return open_streams_;
}

PostStreamCounts PostConnections::counts() const {
  return {open_streams(), invalid_metadata_.load(), unparsable_.load(), handshake_timeouts_.load()};
}

bool PostConnections::IsConnected(const base::Hash32& node_id) const {
  std::lock_guard lock(mu_);
  return streams_.contains(node_id);
}

bool PostConnections::WaitForConnection(const base::Hash32& node_id, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] { return closed_ || streams_.contains(node_id); }) && !closed_;
}

void PostConnections::Close() {
  std::unique_lock lock(mu_);
  closed_ = true;
  for (auto& [id, stream] : streams_) stream->End({grpc::StatusCode::UNAVAILABLE, "node is shutting down"});
  changed_.notify_all();
}

base::Result<pb::ServiceResponse> PostConnections::Exchange(const base::Hash32& node_id, pb::NodeRequest request,
                                                            std::chrono::milliseconds timeout) {
  auto pending = std::make_shared<Pending>();
  pending->request = Serialize(request);
  auto answer = pending->answer.get_future();
  {
    std::lock_guard lock(mu_);
    auto it = streams_.find(node_id);
    if (it == streams_.end()) return base::Status::NotFound("post service not registered");
    it->second->Enqueue(pending);
  }
  if (answer.wait_for(timeout) != std::future_status::ready) {
    pending->abandoned = true;
    return base::Status::Aborted(fmt::format("no answer from the post service within {} ms", timeout.count()));
  }
  return answer.get();
}

base::Result<PostInfo> PostConnections::Info(const base::Hash32& node_id, std::chrono::milliseconds timeout) {
  pb::NodeRequest request;
  request.mutable_metadata();
  auto response = Exchange(node_id, std::move(request), timeout);
  if (!response.ok()) return response.status();
  if (!response->has_metadata() || !response->metadata().has_meta()) {
    return base::Status::InvalidArgument("unexpected response to a metadata request");
  }
  if (grpc::Status valid = CheckMetadata(response->metadata().meta(), policy_); !valid.ok()) {
    return base::Status::InvalidArgument(valid.error_message());
  }
  return ToPostInfo(response->metadata().meta());
}

namespace {

base::Status Stopped(const ProofOptions& options) {
  if (options.stop && options.stop->load()) return base::Status::Aborted("proof request stopped");
  if (std::chrono::system_clock::now() >= options.deadline) return base::Status::Aborted("proof deadline passed");
  return base::Status::Ok();
}

// Sleeps up to `d`, waking early for a stop.
void Nap(std::chrono::milliseconds d, const ProofOptions& options) {
  const auto until = Clock::now() + d;
  while (Clock::now() < until && Stopped(options).ok()) {
    std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(50), until - Clock::now()));
  }
}

PostProof ToPostProof(const pb::Proof& proof) {
  return {proof.nonce(), {proof.indices().begin(), proof.indices().end()}, proof.pow()};
}

}  // namespace

base::Result<ProofAnswer> PostConnections::Proof(const base::Hash32& node_id, const base::Hash32& challenge,
                                                 const ProofOptions& options) {
  const std::string who = Short(node_id);
  smeshers_->SetState(node_id, PostState::kProving);
  const auto started = Clock::now();
  auto fail = [&](base::Status status) -> base::Result<ProofAnswer> {
    events_->Emit(Event::Of(event::PostComplete{std::nullopt, node_id}, /*failure=*/true));
    spdlog::error("[{}] proof failed: {}", who, status.message());
    return status;  // the state stays PROVING, as in the reference
  };

  bool announced = false;
  int polls = 0;
  auto last_reminder = Clock::now() - std::chrono::seconds(20);  // remind at once
  while (true) {
    if (auto stopped = Stopped(options); !stopped.ok()) return stopped;
    if (!IsConnected(node_id)) {
      if (Clock::now() - last_reminder >= std::chrono::seconds(20)) {
        spdlog::info("[{}] post service not connected - waiting for reconnection", who);
        last_reminder = Clock::now();
      }
      WaitForConnection(node_id, std::chrono::milliseconds(100));
      continue;
    }
    if (!announced) {
      announced = true;
      events_->Emit(Event::Of(event::PostStart{challenge, node_id}));
      spdlog::info("[{}] asking the post-service for a proof of challenge {}", who, base::ToHex(challenge));
    }
    pb::NodeRequest request;
    request.mutable_gen_proof()->set_challenge(challenge.data(), challenge.size());
    auto response = Exchange(node_id, std::move(request), std::chrono::milliseconds(2000) + options.poll_interval);
    if (!response.ok()) continue;  // closed or slow: ask again once it is back (state stays PROVING)
    if (!response->has_gen_proof()) return fail(base::Status::InvalidArgument("unexpected response of type metadata"));
    const pb::GenProofResponse& answer = response->gen_proof();
    switch (answer.status()) {
      case pb::GEN_PROOF_STATUS_OK: break;
      case pb::GEN_PROOF_STATUS_ERROR:
        return fail(base::Status::InvalidProof("error generating proof: the post service reported an error"));
      case pb::GEN_PROOF_STATUS_UNSPECIFIED:
        return fail(base::Status::InvalidProof("unspecified error generating proof"));
      default: return fail(base::Status::InvalidProof(fmt::format("unknown proof status {}", int(answer.status()))));
    }
    if (!answer.has_proof()) {
      // Small proofs are asked for again soon, long ones every poll interval.
      Nap(std::min(options.poll_interval, kFirstPoll * (1 << std::min(polls++, 5))), options);
      continue;
    }
    if (!answer.has_metadata()) return fail(base::Status::InvalidArgument("proof without metadata"));
    const std::string& echoed = answer.metadata().challenge();
    if (echoed != std::string(challenge.begin(), challenge.end())) {
      return fail(base::Status::InvalidArgument(fmt::format(
          "unexpected challenge: {}", base::ToHex({reinterpret_cast<const uint8_t*>(echoed.data()), echoed.size()}))));
    }
    if (!answer.metadata().has_meta()) return fail(base::Status::InvalidArgument("proof metadata without meta"));

    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    smeshers_->RecordProof(node_id, took);
    smeshers_->SetState(node_id, PostState::kIdle);
    events_->Emit(Event::Of(event::PostComplete{challenge, node_id}));
    spdlog::info("[{}] proof received after {:.1f} s (nonce {})", who, took.count() / 1000.0, answer.proof().nonce());
    return ProofAnswer{ToPostProof(answer.proof()), ToPostInfo(answer.metadata().meta())};
  }
}

}  // namespace node
