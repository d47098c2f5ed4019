#include "sm/opencl/initializer.h"

#include <cstring>
#include <string>
#include <vector>

#include "devices.h"
#include "initializer_impl.h"

namespace sm::opencl {

const char* KernelName(Kernel kernel) {
  switch (kernel) {
    case Kernel::kAuto: return "auto";
    case Kernel::kLane1: return "lane1";
    case Kernel::kLane4Local: return "lane4-local";
    case Kernel::kLane4Shuffle: return "lane4-shuffle";
  }
  return "unknown";
}

base::Status GpuInitializer::Impl::Run(const BatchRunner::Job& job, const BatchRunner::Sink& sink,
                                       std::optional<VrfCandidate>* best) {
  if (job.first_index + job.count < job.first_index) {
    return base::Status::InvalidArgument("label range overflows 64-bit indices").WithContext(where);
  }
  bool sink_failed = false;  // the caller's own errors come back unchanged
  const base::Status s = runner->Run(
      job,
      [&](uint64_t first, std::span<const uint8_t> bytes) {
        base::Status r = sink(first, bytes);
        sink_failed = !r.ok();
        return r;
      },
      best);
  return sink_failed ? s : s.WithContext(where);
}

GpuInitializer::GpuInitializer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GpuInitializer::~GpuInitializer() = default;

base::Result<std::unique_ptr<GpuInitializer>> GpuInitializer::Create(uint32_t provider_id, uint32_t scrypt_n,
                                                                     const Options& options) {
  if (provider_id == kCpuProviderId) {
    return base::Status::InvalidArgument("provider " + std::to_string(provider_id) +
                                         " is the CPU provider; CPU labels come from post-core");
  }
  if (scrypt_n < 2 || (scrypt_n & (scrypt_n - 1)) != 0) {
    return base::Status::InvalidArgument("scrypt N must be a power of two >= 2, got " + std::to_string(scrypt_n));
  }
  std::vector<DeviceEntry> devices = EnumerateDevices();
  if (provider_id >= devices.size()) {
    return base::Status::NotFound("no OpenCL provider " + std::to_string(provider_id) + " (" +
                                  std::to_string(devices.size()) + " OpenCL devices found)");
  }
  auto impl = std::make_unique<Impl>();
  impl->where = "provider " + std::to_string(provider_id) + " (" + devices[provider_id].provider.name + ")";
  if (base::Status s = impl->Setup(devices[provider_id], scrypt_n, options); !s.ok()) return s.WithContext(impl->where);
  return std::unique_ptr<GpuInitializer>(new GpuInitializer(std::move(impl)));
}

base::Status GpuInitializer::Compute(const base::Hash32& commitment, uint64_t first_index, uint64_t count,
                                     uint8_t* labels16_out, const uint8_t* vrf_difficulty32,
                                     std::optional<VrfCandidate>* best) {
  if (vrf_difficulty32 != nullptr && best == nullptr) return base::Status::InvalidArgument("VRF search needs `best`");
  const auto copy = [&](uint64_t first, std::span<const uint8_t> bytes) {
    std::memcpy(labels16_out + (first - first_index) * 16, bytes.data(), bytes.size());
    return base::Status::Ok();
  };
  return impl_->Run({commitment, first_index, count, vrf_difficulty32, BatchRunner::Output::kLabels16}, copy, best);
}

base::Status GpuInitializer::ComputeStream(const base::Hash32& commitment, uint64_t first_index, uint64_t count,
                                           const uint8_t* vrf_difficulty32, std::optional<VrfCandidate>* best,
                                           const LabelSink& sink) {
  if (vrf_difficulty32 != nullptr && best == nullptr) return base::Status::InvalidArgument("VRF search needs `best`");
  return impl_->Run({commitment, first_index, count, vrf_difficulty32, BatchRunner::Output::kLabels16}, sink, best);
}

base::Status GpuInitializer::ComputeFull(const base::Hash32& commitment, uint64_t first_index, uint64_t count,
                                         uint8_t* full32_out) {
  const auto copy = [&](uint64_t first, std::span<const uint8_t> bytes) {
    std::memcpy(full32_out + (first - first_index) * 32, bytes.data(), bytes.size());
    return base::Status::Ok();
  };
  return impl_->Run({commitment, first_index, count, nullptr, BatchRunner::Output::kFull32}, copy, nullptr);
}

const Info& GpuInitializer::info() const { return impl_->info; }

}  // namespace sm::opencl
