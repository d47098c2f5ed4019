// Provider listing and Create's argument checks (errors name the device).
#include <catch2/catch.hpp>

#include "test_support.h"

namespace sm::opencl::testing {

TEST_CASE("providers: OpenCL devices numbered from 0, then the CPU provider", "[opencl][providers]") {
  const std::vector<Provider> providers = ListProviders();
  REQUIRE(providers.size() >= 2);
  for (size_t i = 0; i + 1 < providers.size(); ++i) {
    CHECK(providers[i].id == i);
    CHECK_FALSE(providers[i].name.empty());
    CHECK(providers[i].global_memory > 0);
  }
  for (size_t i = 1; i + 1 < providers.size(); ++i) {
    // GPUs come first, as post-rs numbers them.
    if (providers[i].type == DeviceType::kGpu) CHECK(providers[i - 1].type == DeviceType::kGpu);
  }
  const Provider& cpu = providers.back();
  CHECK(cpu.id == 4294967295u);
  CHECK(cpu.name == "[CPU] scrypt-jane");
  CHECK(std::string(DeviceTypeName(cpu.type)) == "CPU");
}

TEST_CASE("Create rejects what it cannot run, saying where", "[opencl][providers]") {
  const auto error = [](uint32_t provider, uint32_t n, Options o) {
    base::Result<std::unique_ptr<GpuInitializer>> r = GpuInitializer::Create(provider, n, o);
    REQUIRE_FALSE(r.ok());
    return r.status();
  };
  CHECK(error(kCpuProviderId, 16, {}).code() == base::Status::Code::kInvalidArgument);
  CHECK(error(1000, 16, {}).code() == base::Status::Code::kNotFound);
  CHECK(error(TestProvider(), 24, {}).code() == base::Status::Code::kInvalidArgument);

  Options gap;
  gap.lookup_gap = 32;
  const base::Status too_big = error(TestProvider(), 16, gap);
  CHECK(too_big.code() == base::Status::Code::kInvalidArgument);
  CHECK_THAT(too_big.message(), Catch::Contains("provider 0 ("));

  const Provider device = ListProviders().front();
  if (device.vendor.find("NVIDIA") == std::string::npos) {
    Options shuffle;
    shuffle.kernel = Kernel::kLane4Shuffle;
    CHECK_THAT(error(TestProvider(), 16, shuffle).message(), Catch::Contains("NVIDIA"));
  }
  Options odd;
  odd.kernel = Kernel::kLane4Local;
  odd.local_size = 6;
  CHECK(error(TestProvider(), 16, odd).code() == base::Status::Code::kInvalidArgument);
}

TEST_CASE("Create reports what it settled on", "[opencl][providers]") {
  Options o;
  o.kernel = Kernel::kLane4Local;
  o.lookup_gap = 1;
  o.lanes = 10;  // rounded up to whole work-groups of 16 / 4 labels
  std::unique_ptr<GpuInitializer> init = MakeInitializer(1024, o);
  const Info& info = init->info();
  CHECK(info.provider.id == TestProvider());
  CHECK(info.scrypt_n == 1024);
  CHECK(info.kernel == Kernel::kLane4Local);
  CHECK(info.lookup_gap == 1);
  CHECK(info.local_size == 16);
  CHECK(info.lanes == 12);
  CHECK(info.scratch_buffers == 1);
  CHECK(info.scratch_bytes == 12u * 1024 * 128);

  // Defaults on a CPU device: the portable kernel, no lookup gap, two work-groups per core.
  std::unique_ptr<GpuInitializer> auto_init = MakeInitializer(1024, Options{});
  const Info& chosen = auto_init->info();
  if (chosen.provider.type == DeviceType::kCpu) {
    CHECK(chosen.kernel == Kernel::kLane1);
    CHECK(chosen.lookup_gap == 1);
    CHECK(chosen.lanes == 16 * chosen.provider.compute_units);
  }
}

}  // namespace sm::opencl::testing
