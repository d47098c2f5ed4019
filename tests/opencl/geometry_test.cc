// Lane, buffer and lookup-gap planning for devices we cannot run here (H100, RTX 4090).
#include "geometry.h"

#include <catch2/catch.hpp>

namespace sm::opencl {
namespace {

// An H100 80GB as NVIDIA's OpenCL reports it: a quarter of memory per allocation.
DeviceLimits H100(uint32_t resident_threads) { return {85'000'000'000ull, 21'250'000'000ull, 132, resident_threads}; }

}  // namespace

TEST_CASE("geometry: H100 lanes are not capped by the allocation limit", "[opencl][geometry]") {
  const GeometryRequest lane4{8192, 1, 4, 64, 0, 0.94};
  base::Result<Geometry> g = PlanGeometry(H100(2048), lane4);
  REQUIRE(g.ok());
  CHECK(g->bytes_per_label == 1u << 20);
  CHECK(g->lanes == 67584);  // 132 SMs x 2048 work-items / 4 per label
  CHECK(g->lanes % (132 * 16) == 0);
  CHECK(g->buffers == 4);
  CHECK(g->labels_per_buffer == 16896);
  for (uint32_t b = 0; b < g->buffers; ++b) CHECK(g->BufferLabels(b) * g->bytes_per_label <= 21'250'000'000ull);
  CHECK(g->ScratchBytes() > 3 * 21'250'000'000ull);

  // Memory-bound: one work-item per label and plenty of residency.
  const GeometryRequest lane1{8192, 1, 1, 64, 0, 0.94};
  g = PlanGeometry(H100(0), lane1);
  REQUIRE(g.ok());
  CHECK(g->lanes == 76032);  // 9 x 132 x 64 labels = 74.25 GiB
  CHECK(g->buffers == 4);
  CHECK(g->BufferLabels(3) == 76032 - 3 * g->labels_per_buffer);
}

TEST_CASE("geometry: explicit lanes round up to work-groups and must fit", "[opencl][geometry]") {
  const DeviceLimits small{1ull << 30, 1ull << 28, 2, 0};
  base::Result<Geometry> g = PlanGeometry(small, {1024, 1, 4, 16, 10, 0.94});
  REQUIRE(g.ok());
  CHECK(g->lanes == 12);
  CHECK(g->buffers == 1);
  CHECK_FALSE(PlanGeometry(small, {8192, 1, 1, 8, 2000, 0.94}).ok());  // 2000 MiB > 1 GiB
  g = PlanGeometry(small, {8192, 1, 1, 8, 0, 0.94});                   // auto: 94% of 1 GiB, whole groups per CU
  REQUIRE(g.ok());
  CHECK(g->lanes == 960);
  CHECK(g->buffers == 4);
  CHECK_FALSE(PlanGeometry({1ull << 30, 1ull << 20, 2, 0}, {8192, 1, 1, 8, 0, 0.94}).ok());  // 8 MiB groups
  CHECK_FALSE(PlanGeometry(small, {16, 1, 4, 6, 0, 0.94}).ok());  // work-group not whole labels
}

TEST_CASE("geometry: lookup gap from memory size", "[opencl][geometry]") {
  CHECK(AutoLookupGap(85'000'000'000ull, 132, 8192, 0.94) == 1);
  CHECK(AutoLookupGap(25'300'000'000ull, 128, 8192, 0.94) == 3);  // RTX 4090
  CHECK(AutoLookupGap(1ull << 20, 64, 16, 0.94) == 16);           // nothing fits: the largest gap
  CHECK(ScratchBytesPerLabel(8192, 3) == 2731 * 128);
}

TEST_CASE("geometry: NVIDIA residency from register use", "[opencl][geometry]") {
  CHECK(NvidiaResidentThreads(32, 9, 0, 64) == 2048);
  CHECK(NvidiaResidentThreads(64, 9, 0, 64) == 1024);
  CHECK(NvidiaResidentThreads(80, 9, 0, 64) == 768);
  CHECK(NvidiaResidentThreads(32, 8, 9, 64) == 1536);
  CHECK(NvidiaResidentThreads(128, 9, 0, 64) == 512);
}

}  // namespace sm::opencl
