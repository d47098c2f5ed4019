#include "activation_network.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/files.h"
#include "node/types/clock.h"
#include "node/types/golden_atx.h"
#include "node/wire/signing.h"
#include "post/initialize.h"
#include "post/labels.h"
#include "spacemesh/v1/admin.grpc.pb.h"
#include "spacemesh/v1/post.grpc.pb.h"

namespace node::test {
namespace {

namespace pb = spacemesh::v1;

std::vector<nlohmann::json> InspectLines(const std::filesystem::path& data, const std::string& what) {
  const Exit run = RunToExit({"inspect", "-d", data.string(), what});
  INFO(run.output);
  REQUIRE(run.code == 0);
  std::vector<nlohmann::json> lines;
  std::istringstream in(run.output);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] == '{') lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

std::vector<uint8_t> Bytes(const nlohmann::json& hex) {
  auto bytes = base::FromHex(hex.get<std::string>());
  REQUIRE(bytes);
  return *bytes;
}

// A port no one listens on now, kept for the node's post listener across its restarts.
uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

constexpr const char* kConfig = R"(main:
  layer-duration: 1s
  layers-per-epoch: 10
poet:
  phase-shift: 6s
  cycle-gap: 5s
  grace-period: 2s
  positioning-atx-selection-timeout: 1s
  retry-delay: 500ms
  max-round-leaves: 2000
post:
  post-k1: 20
  post-k2: 12
  post-k3: 12
)";

}  // namespace

std::vector<InspectedAtx> InspectAtxs(const std::filesystem::path& data) {
  std::vector<InspectedAtx> atxs;
  for (const auto& line : InspectLines(data, "atxs")) {
    InspectedAtx a;
    a.id = *base::Hash32FromHex(line["id"].get<std::string>());
    a.smesher = *base::Hash32FromHex(line["smesher"].get<std::string>());
    a.publish_epoch = line["publish_epoch"];
    a.sequence = line["sequence"];
    auto decoded = wire::DecodeAtx(Bytes(line["blob"]));
    INFO(decoded.status().ToString());
    REQUIRE(decoded.ok());
    a.atx = *decoded;
    atxs.push_back(std::move(a));
  }
  return atxs;
}

std::map<base::Hash32, std::vector<uint8_t>> InspectPoetProofs(const std::filesystem::path& data) {
  std::map<base::Hash32, std::vector<uint8_t>> proofs;
  for (const auto& line : InspectLines(data, "poet-proofs")) {
    proofs[*base::Hash32FromHex(line["ref"].get<std::string>())] = Bytes(line["blob"]);
  }
  return proofs;
}

EventRecorder::EventRecorder(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = pb::AdminService::NewStub(channel);
  reader_ = stub->EventsStream(&context_, pb::EventStreamRequest());
  thread_ = std::thread([this] {
    pb::Event event;
    while (reader_->Read(&event)) {
      std::lock_guard lock(mu_);
      events_.push_back(event);
    }
  });
}

EventRecorder::~EventRecorder() {
  context_.TryCancel();
  thread_.join();
}

std::vector<pb::Event> EventRecorder::Events() const {
  std::lock_guard lock(mu_);
  return events_;
}

StateRecorder::StateRecorder(const std::shared_ptr<grpc::Channel>& channel) : channel_(channel) {
  thread_ = std::thread([this] {
    auto stub = pb::PostInfoService::NewStub(channel_);
    while (!stop_) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      pb::PostStatesResponse response;
      if (stub->PostStates(&context, pb::PostStatesRequest(), &response).ok()) {
        std::lock_guard lock(mu_);
        for (const auto& s : response.states()) {
          base::Hash32 id{};
          std::copy_n(s.id().begin(), std::min<size_t>(32, s.id().size()), id.begin());
          auto& seen = states_[id];
          if (seen.empty() || seen.back() != s.state()) seen.push_back(s.state());
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
}

StateRecorder::~StateRecorder() {
  stop_ = true;
  thread_.join();
}

std::vector<int> StateRecorder::States(const base::Hash32& id) const {
  std::lock_guard lock(mu_);
  auto it = states_.find(id);
  return it == states_.end() ? std::vector<int>{} : it->second;
}

ActivationNetwork::ActivationNetwork(std::string pow_difficulty)
    : data_(dir_.path() / "data"),
      config_(dir_.path() / "node.yaml"),
      pow_difficulty_(std::move(pow_difficulty)),
      post_listener_("127.0.0.1:" + std::to_string(FreePort())) {
  std::ofstream(config_) << kConfig;
}

base::Hash32 ActivationNetwork::AddIdentity(const std::string& name, uint32_t units) {
  const base::Hash32 id = node::test::AddIdentity(data_, name).node_id();
  identities_[id] = {name, units};
  return id;
}

NodeProcess& ActivationNetwork::StartNode(const std::vector<std::string>& extra_flags) {
  std::vector<std::string> flags{"-c",           config_.string(),        "--grpc-post-listener",
                                 post_listener_, "--post-pow-difficulty", pow_difficulty_};
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  node_.reset();
  node_ = std::make_unique<NodeProcess>(data_, flags);
  return *node_;
}

void ActivationNetwork::KillNode() { node_->Kill(); }
void ActivationNetwork::StopNode() { node_->Stop(); }

// genesis.json's time and extra data.
std::pair<LayerClock::TimePoint, std::string> StoredGenesis(const std::filesystem::path& data) {
  auto text = base::ReadFile(data / "genesis.json");
  REQUIRE(text.ok());
  const auto genesis = nlohmann::json::parse(*text);
  auto time = ParseRfc3339(genesis["genesis-time"].get<std::string>());
  REQUIRE(time.ok());
  return {*time, genesis["extra-data"].get<std::string>()};
}

base::Hash32 ActivationNetwork::GoldenAtx() const {
  const auto [time, extra] = StoredGenesis(data_);
  return node::GoldenAtx(time, extra);
}

wire::Hash20 ActivationNetwork::GenesisId() const {
  const auto [time, extra] = StoredGenesis(data_);
  return wire::GenesisId(std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count(), extra);
}

void ActivationNetwork::StartService(const base::Hash32& id) {
  const auto pos = dir_.path() / ("post-" + identities_.at(id).first);
  if (!initialized_.count(id)) {
    post::InitRequest request;
    request.layout.node_id = id;
    request.layout.commitment_atx_id = GoldenAtx();
    request.layout.labels_per_unit = 1024;
    request.layout.num_units = identities_.at(id).second;
    request.layout.max_file_size = 1024 * 16;
    request.scrypt_n = 16;
    auto generator = post::MakeCpuGenerator(post::Commitment(id, request.layout.commitment_atx_id), 16, 1);
    auto meta = post::Initialize(pos, request, *generator);
    INFO(meta.status().ToString());
    REQUIRE(meta.ok());
    initialized_.insert(id);
  }
  services_[id] = std::make_unique<post_service::test::ServiceProcess>(
      post_service::test::TinyArgs(pos, "http://" + post_listener_, pow_difficulty_), true);
}

void ActivationNetwork::StopService(const base::Hash32& id) { services_.erase(id); }

std::vector<InspectedAtx> ActivationNetwork::AtxsOf(const base::Hash32& id) const {
  std::vector<InspectedAtx> mine;
  for (auto& a : InspectAtxs(data_)) {
    if (a.smesher == id) mine.push_back(std::move(a));
  }
  std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  return mine;
}

bool ActivationNetwork::WaitForAtxs(const std::vector<base::Hash32>& ids, size_t count,
                                    std::chrono::milliseconds timeout) {
  return sm::test::PollUntil(
      [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        std::map<base::Hash32, size_t> per_id;
        for (const auto& a : InspectAtxs(data_)) ++per_id[a.smesher];
        return std::all_of(ids.begin(), ids.end(), [&](const auto& id) { return per_id[id] >= count; });
      },
      timeout);
}

std::string ActivationNetwork::Phase(const base::Hash32& id) const {
  const std::string metrics = node_->Metrics();
  const std::string prefix = "spacemesh_activation_phase{identity=\"" + base::ToHex(id) + "\"";
  const size_t at = metrics.find(prefix);
  if (at == std::string::npos) return "";
  const size_t phase = metrics.find("phase=\"", at);
  if (phase == std::string::npos) return "";
  const size_t end = metrics.find('"', phase + 7);
  return metrics.substr(phase + 7, end - phase - 7);
}

}  // namespace node::test
