#include "post_service/data_dir.h"

#include <string>

#include "post/difficulty.h"
#include "post/layout.h"

namespace post_service {

base::Result<post::PostMetadata> LoadDataDir(const ServiceConfig& config) {
  using base::Status;
  auto meta = post::LoadMetadata(config.dir);
  if (!meta.ok()) {
    return Status::InvalidArgument("loading POST metadata from " + config.dir.string() +
                                   " failed (is the data initialized?): " + meta.status().ToString());
  }
  if (meta->num_units < config.min_num_units || meta->num_units > config.max_num_units) {
    return Status::InvalidArgument(
        "number of units in the POST data is out of range: " + std::to_string(meta->num_units) + " not in " +
        std::to_string(config.min_num_units) + "..=" + std::to_string(config.max_num_units) +
        " (set --min-num-units/--max-num-units to the network's values)");
  }
  if (Status s = post::CheckDataFiles(config.dir, *meta); !s.ok()) {
    return Status::Corruption("the POST data in " + config.dir.string() + " is incomplete: " + s.ToString());
  }
  if (!post::ProvingDifficulty(config.k1, meta->total_labels())) {
    return Status::InvalidArgument("--k1 " + std::to_string(config.k1) + " needs more than " +
                                   std::to_string(meta->total_labels()) + " labels");
  }
  return meta;
}

}  // namespace post_service
