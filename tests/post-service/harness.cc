#include "harness.h"

#include <catch2/catch.hpp>

#include "tiny_dataset.h"

namespace post_service::test {

std::string ServiceBinary() { return POST_SERVICE_BINARY; }

std::vector<std::string> TinyArgs(const std::filesystem::path& dir, const std::string& address,
                                  const std::string& pow_difficulty) {
  return {ServiceBinary(),
          "--dir",
          dir.string(),
          "--address",
          address,
          "--min-num-units",
          "1",
          "--max-num-units",
          "16",
          "--k1",
          std::to_string(kK1),
          "--k2",
          std::to_string(kK2),
          "--pow-difficulty",
          pow_difficulty,
          "-n",
          "16",
          "--nonces",
          "16",
          "--threads",
          "1",
          "--randomx-mode",
          "light",
          "--reconnect-interval-s",
          "1"};
}

void SetFlag(std::vector<std::string>& args, const std::string& flag, const std::string& value) {
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) {
      args[i + 1] = value;
      return;
    }
  }
  args.push_back(flag);
  args.push_back(value);
}

ServiceProcess::ServiceProcess(std::vector<std::string> args, bool operator_api) {
  if (operator_api) {
    args.push_back("--operator-address");
    args.push_back("127.0.0.1:0");
  }
  process_ = std::make_unique<ChildProcess>(args, log_dir_.path() / "service.log");
  if (!operator_api) return;
  const std::string marker = "operator API listening on 127.0.0.1:";
  REQUIRE(process_->WaitForOutput(marker, kTimeout));
  const std::string out = process_->Output();
  operator_port_ = uint16_t(std::stoi(out.substr(out.find(marker) + marker.size())));
}

std::string Challenge(uint8_t seed) {
  std::string challenge(32, '\0');
  for (size_t i = 0; i < challenge.size(); ++i) challenge[i] = char(seed * 31 + i);
  return challenge;
}

base::Status VerifyTinyProof(const spacemesh::v1::GenProofResponse& response, const std::string& challenge,
                             const std::string& pow_difficulty) {
  static std::shared_ptr<post::RandomX> light = [] {
    auto rx = post::RandomX::Create(post::RandomXMode::kLight);
    REQUIRE(rx.ok());
    return *rx;
  }();
  const auto& tiny = post::test::Tiny();
  post::Proof proof;
  proof.nonce = response.proof().nonce();
  proof.indices.assign(response.proof().indices().begin(), response.proof().indices().end());
  proof.pow = response.proof().pow();
  post::ProofMetadata meta;
  const auto& m = response.metadata().meta();
  std::copy(m.node_id().begin(), m.node_id().end(), meta.node_id.begin());
  std::copy(m.commitment_atx_id().begin(), m.commitment_atx_id().end(), meta.commitment_atx_id.begin());
  std::copy(challenge.begin(), challenge.end(), meta.challenge.begin());
  meta.num_units = m.num_units();
  meta.labels_per_unit = m.labels_per_unit();
  if (meta.node_id != tiny.meta.node_id || meta.commitment_atx_id != tiny.meta.commitment_atx_id) {
    return base::Status::InvalidArgument("the proof metadata names another identity");
  }
  post::VerifyParams params;
  params.proof = {kK1, kK2, post::test::Hex32(pow_difficulty)};
  params.scrypt_n = 16;
  params.min_num_units = params.max_num_units = tiny.meta.num_units;
  params.labels_per_unit = tiny.meta.labels_per_unit;
  auto verifier = post::Verifier::Create(light);
  REQUIRE(verifier.ok());
  return (*verifier)->Verify(proof, meta, params, post::VerifyMode::All());
}

}  // namespace post_service::test
