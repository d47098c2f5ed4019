#include "node_process.h"

#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "support/http_get.h"
#include "test_util.h"

namespace node::test {
namespace {

// A log file name no other process of this test binary uses.
std::filesystem::path LogFile(const std::filesystem::path& data) {
  static std::atomic<int> next{0};
  return data.parent_path() / (data.filename().string() + "-" + std::to_string(next++) + ".log");
}

uint16_t Port(const std::string& host_port) {
  return static_cast<uint16_t>(std::stoi(host_port.substr(host_port.rfind(':') + 1)));
}

}  // namespace

std::string NodeBinary() { return NODE_BINARY; }

std::vector<std::string> LoopbackListeners() {
  return {"--grpc-public-listener",
          "127.0.0.1:0",
          "--grpc-private-listener",
          "127.0.0.1:0",
          "--grpc-post-listener",
          "127.0.0.1:0",
          "--metrics",
          "--metrics-listener",
          "127.0.0.1:0",
          "--poet-servers",
          "http://127.0.0.1:0"};
}

post::Identity AddIdentity(const std::filesystem::path& data, const std::string& name) {
  auto identity = post::GenerateIdentity();
  REQUIRE(identity.ok());
  std::filesystem::create_directories(data / "identities");
  REQUIRE(post::SaveIdentityKey(data / "identities" / name, *identity).ok());
  return *identity;
}

Exit RunToExit(const std::vector<std::string>& args) {
  post::test::TempDir dir;
  std::vector<std::string> argv{NodeBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  sm::test::ChildProcess process(argv, dir.path() / "node.log");
  const auto code = process.Wait(kTimeout);
  INFO(process.Output());
  REQUIRE(code);
  return {*code, process.Output()};
}

NodeProcess::NodeProcess(std::filesystem::path data, const std::vector<std::string>& flags) : data_(std::move(data)) {
  const auto api_json = data_ / "api.json";
  std::filesystem::remove(api_json);
  std::vector<std::string> argv{NodeBinary(), "-d", data_.string()};
  for (const auto& list : {LoopbackListeners(), flags}) argv.insert(argv.end(), list.begin(), list.end());
  process_ = std::make_unique<sm::test::ChildProcess>(argv, LogFile(data_));

  // api.json is written atomically once every listener is up.
  const bool ready = sm::test::PollUntil(
      [&] { return std::filesystem::exists(api_json) || process_->Wait(std::chrono::milliseconds(0)).has_value(); });
  INFO(process_->Output());
  REQUIRE(ready);
  REQUIRE(std::filesystem::exists(api_json));
  std::ifstream in(api_json);
  const nlohmann::json addresses = nlohmann::json::parse(in);
  for (const auto& [listener, address] : addresses.items()) {
    addresses_[listener] = address.get<std::string>();
  }
}

NodeProcess::~NodeProcess() {
  if (exit_code_) return;
  const auto code = Terminate();
  if (std::uncaught_exceptions() == 0) {
    INFO(process_->Output());
    CHECK(code == 0);
  }
}

std::optional<int> NodeProcess::Terminate() {
  process_->Signal(SIGTERM);
  exit_code_ = process_->Wait(kTimeout);
  return exit_code_;
}

void NodeProcess::Stop() {
  const auto code = Terminate();
  INFO(process_->Output());
  REQUIRE(code == 0);
}

void NodeProcess::Kill() {
  process_->Signal(SIGKILL);
  exit_code_ = process_->Wait(kTimeout);
  REQUIRE(exit_code_ == 128 + SIGKILL);
}

std::string NodeProcess::Address(const std::string& listener) const {
  auto it = addresses_.find(listener);
  INFO("api.json has no " << listener << " listener");
  REQUIRE(it != addresses_.end());
  return it->second;
}

std::shared_ptr<grpc::Channel> NodeProcess::Channel(const std::string& listener) const {
  return grpc::CreateChannel(Address(listener), grpc::InsecureChannelCredentials());
}

std::string NodeProcess::Output() const { return process_->Output(); }

std::string NodeProcess::Metrics() const {
  auto body = sm::test::HttpGet(Port(Address("metrics")), "/metrics");
  REQUIRE(body);
  return *body;
}

std::optional<int> ConnectedMetric(const std::string& metrics, const base::Hash32& node_id) {
  const std::string prefix = "spacemesh_post_connected{identity=\"" + base::ToHex(node_id) + "\"";
  const size_t at = metrics.find(prefix);
  if (at == std::string::npos) return std::nullopt;
  const size_t value = metrics.find("} ", at);
  if (value == std::string::npos) return std::nullopt;
  return std::stoi(metrics.substr(value + 2));
}

}  // namespace node::test
