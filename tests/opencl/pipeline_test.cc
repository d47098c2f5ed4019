// Batching and pipelining: splits, streaming order, sink errors, scratchpads spread over many
// buffers, pipeline depths, wait modes and the VRF search across batches.
#include <algorithm>
#include <catch2/catch.hpp>

#include "test_support.h"

namespace sm::opencl::testing {
namespace {

const base::Hash32 kCommitment = [] {
  base::Hash32 c{};
  for (size_t i = 0; i < c.size(); ++i) c[i] = static_cast<uint8_t>(i * 7 + 1);
  return c;
}();

// Configurations the label tests compile too (N = 16: lane1 gap 2, lane4 gap 3; N = 1024: gap 1).
Options Lanes(Kernel kernel, uint32_t lanes, uint32_t lookup_gap = 0) {
  Options o;
  o.kernel = kernel;
  o.lanes = lanes;
  o.lookup_gap = lookup_gap != 0 ? lookup_gap : kernel == Kernel::kLane1 ? 2 : 3;
  return o;
}

std::vector<uint8_t> Labels(GpuInitializer& init, uint64_t first, uint64_t count) {
  std::vector<uint8_t> out(count * 16);
  const base::Status s = init.Compute(kCommitment, first, count, out.data(), nullptr, nullptr);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return out;
}

// Reference: one label per call, taken from the full output.
std::vector<uint8_t> OneByOne(GpuInitializer& init, uint64_t first, uint64_t count) {
  std::vector<uint8_t> out;
  for (uint64_t i = 0; i < count; ++i) {
    const std::vector<uint8_t> full = VectorBytes(FullHex(init, kCommitment, first + i, 1)[0]);
    out.insert(out.end(), full.begin(), full.begin() + 16);
  }
  return out;
}

}  // namespace

TEST_CASE("batches split anywhere give the same labels", "[opencl][pipeline]") {
  std::unique_ptr<GpuInitializer> init = MakeInitializer(16, Lanes(Kernel::kLane1, 8));
  const uint64_t first = (uint64_t{1} << 32) - 13;  // crosses the 32-bit index boundary
  const std::vector<uint8_t> reference = OneByOne(*init, first, 37);
  CHECK(Labels(*init, first, 37) == reference);
  // Partial batches at both ends, and an empty range.
  const std::vector<uint8_t> middle = Labels(*init, first + 5, 20);
  CHECK(std::equal(middle.begin(), middle.end(), reference.begin() + 5 * 16));
  CHECK(Labels(*init, first, 0).empty());
}

TEST_CASE("streaming delivers contiguous batches in order; a sink error aborts", "[opencl][pipeline]") {
  std::unique_ptr<GpuInitializer> init = MakeInitializer(16, Lanes(Kernel::kLane4Local, 8));
  const std::vector<uint8_t> reference = Labels(*init, 100, 50);
  std::vector<uint8_t> streamed;
  uint64_t next = 100;
  base::Status s =
      init->ComputeStream(kCommitment, 100, 50, nullptr, nullptr, [&](uint64_t first, std::span<const uint8_t> labels) {
        CHECK(first == next);
        CHECK(labels.size() <= 8 * 16);
        next += labels.size() / 16;
        streamed.insert(streamed.end(), labels.begin(), labels.end());
        return base::Status::Ok();
      });
  REQUIRE(s.ok());
  CHECK(streamed == reference);

  int calls = 0;
  s = init->ComputeStream(kCommitment, 100, 50, nullptr, nullptr, [&](uint64_t, std::span<const uint8_t>) {
    return ++calls == 2 ? base::Status::Aborted("disk full") : base::Status::Ok();
  });
  CHECK(calls == 2);
  CHECK(s.code() == base::Status::Code::kAborted);
  CHECK(s.message() == "disk full");
  CHECK(Labels(*init, 100, 50) == reference);  // still usable
}

TEST_CASE("scratchpad split over several buffers", "[opencl][pipeline]") {
  for (Kernel kernel : {Kernel::kLane1, Kernel::kLane4Local}) {
    std::unique_ptr<GpuInitializer> one = MakeInitializer(1024, Lanes(kernel, 48, 1));
    Options split = Lanes(kernel, 48, 1);
    split.max_buffer_bytes = 1024 * 128 * 8;  // 8 labels per buffer
    std::unique_ptr<GpuInitializer> many = MakeInitializer(1024, split);
    INFO(KernelName(kernel));
    CHECK(many->info().scratch_buffers == 6);
    CHECK(one->info().scratch_buffers == 1);
    CHECK(Labels(*many, 7, 60) == Labels(*one, 7, 60));
  }
  Options too_many = Lanes(Kernel::kLane1, 80, 1);
  too_many.max_buffer_bytes = 1024 * 128 * 8;
  CHECK_FALSE(GpuInitializer::Create(TestProvider(), 1024, too_many).ok());  // would need 10 buffers
}

TEST_CASE("pipeline depth and wait mode do not change results", "[opencl][pipeline]") {
  std::unique_ptr<GpuInitializer> base = MakeInitializer(16, Lanes(Kernel::kLane1, 8));
  const std::vector<uint8_t> reference = Labels(*base, 3, 45);
  for (uint32_t depth : {1u, 3u}) {
    for (WaitMode wait : {WaitMode::kCallback, WaitMode::kSleepThenBlock}) {
      Options o = Lanes(Kernel::kLane1, 8);
      o.pipeline_depth = depth;
      o.wait = wait;
      std::unique_ptr<GpuInitializer> init = MakeInitializer(16, o);
      CHECK(Labels(*init, 3, 45) == reference);
    }
  }
}

TEST_CASE("VRF search finds the minimum full output below the difficulty across batches", "[opencl][vrf]") {
  for (Kernel kernel : {Kernel::kLane1, Kernel::kLane4Local}) {
    std::unique_ptr<GpuInitializer> init = MakeInitializer(16, Lanes(kernel, 16));
    const uint64_t first = 1000, count = 150;
    std::vector<uint8_t> full(count * 32);
    REQUIRE(init->ComputeFull(kCommitment, first, count, full.data()).ok());

    for (uint8_t top : {0x00, 0x02, 0x10, 0xff}) {
      std::array<uint8_t, 32> difficulty{};
      difficulty[0] = top;
      if (top == 0xff) difficulty.fill(0xff);
      std::optional<std::pair<std::vector<uint8_t>, uint64_t>> expected;
      for (uint64_t i = 0; i < count; ++i) {
        std::vector<uint8_t> out(full.begin() + i * 32, full.begin() + (i + 1) * 32);
        if (!std::lexicographical_compare(out.begin(), out.end(), difficulty.begin(), difficulty.end())) continue;
        if (!expected || out < expected->first) expected = std::make_pair(out, first + i);
      }
      std::vector<uint8_t> labels(count * 16);
      std::optional<VrfCandidate> best = VrfCandidate{};
      REQUIRE(init->Compute(kCommitment, first, count, labels.data(), difficulty.data(), &best).ok());
      INFO(KernelName(kernel) << " difficulty " << int{top});
      REQUIRE(best.has_value() == expected.has_value());
      if (expected) {
        CHECK(best->index == expected->second);
        CHECK(std::vector<uint8_t>(best->label.begin(), best->label.end()) == expected->first);
      }
      for (uint64_t i = 0; i < count; ++i) {
        CHECK(std::equal(labels.begin() + i * 16, labels.begin() + (i + 1) * 16, full.begin() + i * 32));
      }
    }
  }
}

TEST_CASE("index ranges past 2^64 are rejected", "[opencl][pipeline]") {
  std::unique_ptr<GpuInitializer> init = MakeInitializer(16, Lanes(Kernel::kLane1, 8));
  uint8_t out[32];
  const base::Status s = init->Compute(kCommitment, UINT64_MAX, 2, out, nullptr, nullptr);
  CHECK(s.code() == base::Status::Code::kInvalidArgument);
}

}  // namespace sm::opencl::testing
