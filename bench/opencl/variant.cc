#include "variant.h"

#include <sstream>
#include <stdexcept>

namespace sm::opencl::bench {
namespace {

base::Status Apply(const std::string& key, const std::string& value, Variant* v) {
  Options& o = v->options;
  if (key == "kernel") {
    for (Kernel k : {Kernel::kAuto, Kernel::kLane1, Kernel::kLane4Local, Kernel::kLane4Shuffle}) {
      if (value == KernelName(k)) {
        o.kernel = k;
        return base::Status::Ok();
      }
    }
    return base::Status::InvalidArgument("unknown kernel '" + value + "'");
  }
  if (key == "wait") {
    if (value != "callback" && value != "sleep") return base::Status::InvalidArgument("wait is callback or sleep");
    o.wait = value == "sleep" ? WaitMode::kSleepThenBlock : WaitMode::kCallback;
    return base::Status::Ok();
  }
  if (key == "opts") {
    o.build_options = value;
    return base::Status::Ok();
  }
  try {
    if (key == "mem") {
      o.memory_fraction = std::stod(value);
      return base::Status::Ok();
    }
    const unsigned long n = std::stoul(value);
    if (key == "lg")
      o.lookup_gap = static_cast<uint32_t>(n);
    else if (key == "lanes")
      o.lanes = static_cast<uint32_t>(n);
    else if (key == "per_cu")
      v->per_cu = static_cast<uint32_t>(n);
    else if (key == "wg")
      o.local_size = static_cast<uint32_t>(n);
    else if (key == "depth")
      o.pipeline_depth = static_cast<uint32_t>(n);
    else if (key == "vrf")
      v->vrf = n != 0;
    else
      return base::Status::InvalidArgument("unknown key '" + key + "'");
  } catch (const std::exception&) {
    return base::Status::InvalidArgument("bad number for '" + key + "': '" + value + "'");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<Variant> ParseVariant(const std::string& spec) {
  Variant v;
  v.spec = spec;
  std::stringstream items(spec);
  std::string item;
  while (std::getline(items, item, ',')) {
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) return base::Status::InvalidArgument("variant item '" + item + "' is not key=value");
    if (base::Status s = Apply(item.substr(0, eq), item.substr(eq + 1), &v); !s.ok()) return s;
  }
  return v;
}

}  // namespace sm::opencl::bench
