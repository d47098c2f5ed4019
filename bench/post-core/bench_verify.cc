// Time to verify one proof with mainnet's verification cost: K2 = 37 labels at scrypt N = 8192,
// light RandomX, verifier already initialized; once checking all 37 labels (K3 = 37) and once
// a subset of one (K3 = 1). Prints one JSON line with medians in milliseconds.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "post/initialize.h"
#include "post/labels.h"
#include "post/prove.h"
#include "post/verify.h"

namespace {

template <typename F>
double MedianMs(uint32_t runs, F&& f) {
  std::vector<double> ms;
  for (uint32_t i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

int Fail(const base::Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"proof verification benchmark"};
  uint32_t runs = 15;
  std::string dir = (std::filesystem::temp_directory_path() / "bench-verify-data").string();
  app.add_option("--runs", runs, "timed verifications per mode");
  app.add_option("--data-dir", dir, "where the small N=8192 data set is made");
  CLI11_PARSE(app, argc, argv);

  // A small data set at mainnet's scrypt N: verification cost does not depend on its size.
  post::InitRequest request;
  request.layout.node_id.fill(1);
  request.layout.commitment_atx_id.fill(2);
  request.layout.labels_per_unit = 64;
  request.layout.num_units = 4;
  request.layout.max_file_size = 4096;
  request.scrypt_n = 8192;
  auto gen =
      post::MakeCpuGenerator(post::Commitment(request.layout.node_id, request.layout.commitment_atx_id), 8192, 0);
  auto meta = post::Initialize(dir, request, *gen);
  if (!meta.ok()) return Fail(meta.status());

  auto randomx = post::RandomX::Create(post::RandomXMode::kLight);
  if (!randomx.ok()) return Fail(randomx.status());
  post::VerifyParams params;
  params.proof = {200, 37, {}};  // k1 high enough that 256 labels hold 37 hits per nonce
  params.proof.pow_difficulty.fill(0x7f);
  params.scrypt_n = 8192;
  base::Hash32 challenge{};
  challenge[0] = 42;
  post::ProvingOptions options;
  options.nonces = 16;
  auto proof = post::GenerateProof(dir, challenge, params.proof, options, **randomx);
  if (!proof.ok()) return Fail(proof.status());

  auto verifier = post::Verifier::Create(*randomx);
  if (!verifier.ok()) return Fail(verifier.status());
  const post::ProofMetadata pm{meta->node_id, meta->commitment_atx_id, challenge, meta->num_units,
                               meta->labels_per_unit};
  base::Status last;
  const double all_ms = MedianMs(runs, [&] { last = (*verifier)->Verify(*proof, pm, params); });
  if (!last.ok()) return Fail(last);
  const std::vector<uint8_t> seed(32, 9);
  const double one_ms =
      MedianMs(runs, [&] { last = (*verifier)->Verify(*proof, pm, params, post::VerifyMode::Subset(1, seed)); });
  if (!last.ok()) return Fail(last);
  std::printf(
      "{\"scrypt_n\":8192,\"k2\":37,\"randomx_mode\":\"light\",\"runs\":%u,"
      "\"verify_k3_37_ms\":%.2f,\"verify_k3_1_ms\":%.2f,\"label_kernel\":\"%s\"}\n",
      runs, all_ms, one_ms,
      post::LabelKernelName(post::LabelKernelSupported(post::LabelKernel::kAvx512) ? post::LabelKernel::kAvx512
                                                                                   : post::LabelKernel::kAvx2));
  std::filesystem::remove_all(dir);
  return 0;
}
