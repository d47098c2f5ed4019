#include "sm/opencl/label_generator.h"

#include "sm/opencl/initializer.h"

namespace sm::opencl {
namespace {

class GpuGenerator : public post::LabelGenerator {
 public:
  GpuGenerator(std::unique_ptr<GpuInitializer> gpu, const base::Hash32& commitment)
      : gpu_(std::move(gpu)), commitment_(commitment) {}

  base::Status Generate(uint64_t first, size_t count, uint8_t* labels, const post::FullLabel& below,
                        std::optional<post::VrfNonce>* best) override {
    std::optional<VrfCandidate> candidate;
    auto s = gpu_->Compute(commitment_, first, count, labels, below.data(), &candidate);
    if (!s.ok()) return s;
    best->reset();
    if (candidate) *best = post::VrfNonce{candidate->index, candidate->label};
    return base::Status::Ok();
  }

  // Several device batches per call so the pipeline stays full.
  size_t BatchLabels() const override { return size_t(gpu_->info().lanes) * 8; }
  std::string Name() const override { return gpu_->info().provider.name; }

 private:
  std::unique_ptr<GpuInitializer> gpu_;
  base::Hash32 commitment_;
};

}  // namespace

base::Result<std::unique_ptr<post::LabelGenerator>> MakeGenerator(uint32_t provider, const base::Hash32& commitment,
                                                                  uint32_t scrypt_n, const GeneratorOptions& options) {
  if (provider == kCpuProviderId) {
    return post::MakeCpuGenerator(commitment, scrypt_n, options.threads);
  }
  Options gpu_options;
  gpu_options.lookup_gap = options.lookup_gap;
  gpu_options.lanes = options.lanes;
  auto gpu = GpuInitializer::Create(provider, scrypt_n, gpu_options);
  if (!gpu.ok()) return gpu.status();
  return std::unique_ptr<post::LabelGenerator>(new GpuGenerator(std::move(gpu).value(), commitment));
}

}  // namespace sm::opencl
