// Label generation throughput of post-core's CPU kernels. Prints one JSON object per line:
// {"kernel","scrypt_n","threads","labels_per_s","labels_per_s_per_thread","runs"}, the median
// of --runs timed runs of --labels labels per thread.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "post/labels.h"

int main(int argc, char** argv) {
  CLI::App app{"post-core label generation benchmark"};
  uint32_t n = 8192, threads = 1, labels = 256, runs = 5;
  std::string kernel_name = "auto";
  app.add_option("--scrypt-n", n, "scrypt N");
  app.add_option("--threads", threads, "threads");
  app.add_option("--labels", labels, "labels per thread per run");
  app.add_option("--runs", runs, "timed runs (the median is reported)");
  app.add_option("--kernel", kernel_name, "auto, scalar, avx2 or avx512");
  CLI11_PARSE(app, argc, argv);

  post::LabelKernel kernel = post::LabelKernel::kAuto;
  for (auto k : {post::LabelKernel::kScalar, post::LabelKernel::kAvx2, post::LabelKernel::kAvx512}) {
    if (kernel_name == post::LabelKernelName(k)) kernel = k;
  }
  if (!post::LabelKernelSupported(kernel)) {
    std::fprintf(stderr, "kernel %s is not supported on this CPU\n", kernel_name.c_str());
    return 1;
  }
  const base::Hash32 commitment{};
  auto run = [&] {
    std::vector<std::thread> workers;
    auto start = std::chrono::steady_clock::now();
    for (uint32_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        std::vector<uint8_t> out(size_t(labels) * 16);
        post::ComputeLabels(commitment, n, uint64_t(t) * labels, labels, out.data(), nullptr, kernel);
      });
    }
    for (auto& w : workers) w.join();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  run();  // warm-up: scratch allocation and page faults
  std::vector<double> rates;
  for (uint32_t r = 0; r < runs; ++r) rates.push_back(double(labels) * threads / run());
  std::sort(rates.begin(), rates.end());
  const double median = rates[rates.size() / 2];
  std::printf(
      "{\"kernel\":\"%s\",\"scrypt_n\":%u,\"threads\":%u,\"labels_per_s\":%.0f,"
      "\"labels_per_s_per_thread\":%.0f,\"runs\":%u}\n",
      kernel_name.c_str(), n, threads, median, median / threads, runs);
  return 0;
}
