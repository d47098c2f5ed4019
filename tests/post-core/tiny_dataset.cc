#include "tiny_dataset.h"

#include <catch2/catch.hpp>
#include <memory>

namespace post::test {

PostMetadata TinyLayout(const nlohmann::json& d) {
  PostMetadata m;
  m.node_id = Hex32(d["node_id"]);
  m.commitment_atx_id = Hex32(d["commitment_atx_id"]);
  m.labels_per_unit = d["labels_per_unit"];
  m.num_units = d["num_units"];
  m.max_file_size = d["max_file_size"];
  return m;
}

const TinyDataset& Tiny() {
  // Destroyed at exit, which removes the directory.
  static std::unique_ptr<TinyDataset> tiny = [] {
    auto t = std::unique_ptr<TinyDataset>(new TinyDataset{LoadVectors("postdata-tiny.json")["dataset"], {}, {}});
    InitRequest request{TinyLayout(t->vectors), t->vectors["scrypt"]["n"], std::nullopt};
    auto gen =
        MakeCpuGenerator(Commitment(request.layout.node_id, request.layout.commitment_atx_id), request.scrypt_n, 2);
    auto meta = Initialize(t->dir.path(), request, *gen);
    REQUIRE(meta.ok());
    t->meta = *meta;
    return t;
  }();
  return *tiny;
}

}  // namespace post::test
