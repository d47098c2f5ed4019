// bench_opencl_init: OpenCL label throughput per kernel variant, one JSON line each.
//   bench_opencl_init [--provider ID] [--n N] [--seconds S] [--list] VARIANT...
// VARIANT is "key=value,..." (see variant.h), e.g. kernel=lane4-shuffle,lg=1,per_cu=512.
// Each variant is checked against embedded N = 8192 labels, warmed up with one batch, then
// timed over whole batches for about S seconds with the device VRF search on.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "json_line.h"
#include "reference_labels.h"
#include "sm/opencl/initializer.h"
#include "variant.h"

namespace sm::opencl::bench {
namespace {

struct Args {
  uint32_t provider = 0;
  uint32_t scrypt_n = 8192;
  double seconds = 3;
  bool list = false;
  std::vector<std::string> variants;
};

base::Hash32 HashFromHex(const std::string& hex) {
  base::Hash32 out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(std::stoul(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}

std::string Hex(const uint8_t* bytes, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// The compiler's spill report for the ROMix kernel (NVIDIA -cl-nv-verbose), if any.
std::string SpillLine(const std::string& log) {
  const size_t at = log.find("bytes spill stores");
  if (at == std::string::npos) return "";
  const size_t begin = log.rfind('\n', at) + 1;
  const size_t end = log.find('\n', at);
  std::string line = log.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  return line.substr(line.find_first_not_of(' '));
}

// Mismatching labels among the reference ones (contiguous indices share one call); -1 on error.
int CheckReference(GpuInitializer& init, std::string* error) {
  int mismatches = 0;
  const std::vector<ReferenceLabel>& refs = ReferenceLabels8192();
  for (size_t begin = 0; begin < refs.size();) {
    size_t end = begin + 1;
    while (end < refs.size() && refs[end].commitment_hex == refs[begin].commitment_hex &&
           refs[end].index == refs[end - 1].index + 1) {
      ++end;
    }
    std::vector<uint8_t> full((end - begin) * 32);
    const base::Status s =
        init.ComputeFull(HashFromHex(refs[begin].commitment_hex), refs[begin].index, end - begin, full.data());
    if (!s.ok()) {
      *error = s.ToString();
      return -1;
    }
    for (size_t i = begin; i < end; ++i) mismatches += Hex(full.data() + (i - begin) * 32, 32) != refs[i].full_hex;
    begin = end;
  }
  return mismatches;
}

void RunVariant(const Args& args, const Provider& provider, const std::string& spec) {
  JsonLine line;
  line.Str("device", provider.name).Int("provider", provider.id).Int("n", args.scrypt_n).Str("variant", spec);
  base::Result<Variant> parsed = ParseVariant(spec);
  if (!parsed.ok()) {
    std::printf("%s\n", line.Str("error", parsed.status().ToString()).str().c_str());
    return;
  }
  Variant v = parsed.value();
  if (v.per_cu != 0) v.options.lanes = v.per_cu * provider.compute_units;
  base::Result<std::unique_ptr<GpuInitializer>> created =
      GpuInitializer::Create(args.provider, args.scrypt_n, v.options);
  if (!created.ok()) {
    std::printf("%s\n", line.Str("error", created.status().ToString()).str().c_str());
    return;
  }
  GpuInitializer& init = *created.value();
  const Info& info = init.info();
  line.Str("kernel", KernelName(info.kernel)).Int("lookup_gap", info.lookup_gap).Int("lanes", info.lanes);
  line.Int("local_size", info.local_size).Int("depth", v.options.pipeline_depth);
  line.Str("wait", v.options.wait == WaitMode::kCallback ? "callback" : "sleep");
  line.Int("scratch_buffers", info.scratch_buffers).Num("scratch_gib", info.scratch_bytes / double(1ull << 30));
  line.Int("registers", info.registers).Str("spills", SpillLine(info.build_log));

  std::string error;
  if (args.scrypt_n == 8192) {
    const int mismatches = CheckReference(init, &error);
    if (mismatches < 0) {
      std::printf("%s\n", line.Str("error", error).str().c_str());
      return;
    }
    line.Bool("correct", mismatches == 0).Int("mismatches", mismatches);
  } else {
    line.Null("correct");
  }

  base::Hash32 commitment{};
  commitment[0] = 0x5a;
  uint8_t difficulty[32] = {0, 0, 0, 2};  // about what mainnet asks of 4 space units
  const LabelSink discard = [](uint64_t, std::span<const uint8_t>) { return base::Status::Ok(); };
  std::optional<VrfCandidate> best;
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  base::Status s = init.ComputeStream(commitment, 0, info.lanes, v.vrf ? difficulty : nullptr, &best, discard);
  const double warm = std::chrono::duration<double>(Clock::now() - start).count();
  const uint64_t batches = std::max<uint64_t>(2, std::min<uint64_t>(10000, uint64_t(args.seconds / warm) + 1));
  const uint64_t count = batches * info.lanes;
  const double cpu0 = CpuSeconds();
  start = Clock::now();
  if (s.ok()) s = init.ComputeStream(commitment, info.lanes, count, v.vrf ? difficulty : nullptr, &best, discard);
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = CpuSeconds() - cpu0;
  if (!s.ok()) {
    std::printf("%s\n", line.Str("error", s.ToString()).str().c_str());
    return;
  }
  line.Bool("vrf", v.vrf).Int("labels", static_cast<int64_t>(count)).Num("seconds", wall);
  line.Num("labels_per_sec", count / wall).Num("mib_per_sec", count * 16.0 / (1 << 20) / wall);
  line.Num("batch_ms", 1e3 * wall / batches).Num("host_cpu_percent", 100 * cpu / wall);
  std::printf("%s\n", line.str().c_str());
}

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--provider" && has_value)
      args->provider = static_cast<uint32_t>(std::stoul(argv[++i]));
    else if (a == "--n" && has_value)
      args->scrypt_n = static_cast<uint32_t>(std::stoul(argv[++i]));
    else if (a == "--seconds" && has_value)
      args->seconds = std::stod(argv[++i]);
    else if (a == "--list")
      args->list = true;
    else if (a.rfind("--", 0) == 0)
      return false;
    else
      args->variants.push_back(a);
  }
  return true;
}

}  // namespace
}  // namespace sm::opencl::bench

int main(int argc, char** argv) {
  using namespace sm::opencl;
  bench::Args args;
  if (!bench::ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr, "usage: %s [--provider ID] [--n N] [--seconds S] [--list] VARIANT...\n", argv[0]);
    return 2;
  }
  const std::vector<Provider> providers = ListProviders();
  if (args.list) {
    for (const Provider& p : providers) {
      bench::JsonLine line;
      line.Int("id", p.id).Str("name", p.name).Str("vendor", p.vendor).Str("platform", p.platform);
      line.Str("type", DeviceTypeName(p.type)).Int("global_memory", static_cast<int64_t>(p.global_memory));
      std::printf("%s\n", line.Int("compute_units", p.compute_units).str().c_str());
    }
  }
  if (args.variants.empty()) return 0;
  if (args.provider + 1 >= providers.size()) {  // the last entry is the CPU provider
    std::fprintf(stderr, "no OpenCL provider %u\n", args.provider);
    return 1;
  }
  for (const std::string& spec : args.variants) {
    bench::RunVariant(args, providers[args.provider], spec);
    std::fflush(stdout);
  }
  return 0;
}
