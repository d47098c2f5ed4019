#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "post/difficulty.h"
#include "post/initialize.h"
#include "post/labels.h"
#include "post/layout.h"
#include "test_util.h"
#include "tiny_dataset.h"

namespace post {
namespace {

void CheckTinyFiles(const std::filesystem::path& dir) {
  for (const auto& f : test::Tiny().vectors["files"]) {
    INFO(f["name"]);
    const auto path = dir / f["name"].get<std::string>();
    REQUIRE(std::filesystem::exists(path));
    CHECK(std::filesystem::file_size(path) == f["size"].get<uint64_t>());
    CHECK(test::Sha256Hex(path) == f["sha256"].get<std::string>());
  }
}

std::unique_ptr<LabelGenerator> TinyGenerator(uint32_t threads = 1) {
  const auto layout = test::TinyLayout(test::Tiny().vectors);
  return MakeCpuGenerator(Commitment(layout.node_id, layout.commitment_atx_id), test::Tiny().vectors["scrypt"]["n"],
                          threads);
}

InitRequest TinyRequest() {
  return {test::TinyLayout(test::Tiny().vectors), test::Tiny().vectors["scrypt"]["n"], std::nullopt};
}

// Stops the run after a number of progress reports, like a kill between two batches.
class StopAfter : public InitObserver {
 public:
  StopAfter(int reports, std::atomic<bool>* stop) : left_(reports), stop_(stop) {}
  void Progress(const InitProgress&) override {
    if (--left_ == 0) *stop_ = true;
  }

 private:
  int left_;
  std::atomic<bool>* stop_;
};

// A generator with small batches so runs have many steps.
class SmallBatches : public LabelGenerator {
 public:
  explicit SmallBatches(std::unique_ptr<LabelGenerator> inner) : inner_(std::move(inner)) {}
  base::Status Generate(uint64_t first, size_t count, uint8_t* labels, const FullLabel& below,
                        std::optional<VrfNonce>* best) override {
    return inner_->Generate(first, count, labels, below, best);
  }
  size_t BatchLabels() const override { return 96; }
  std::string Name() const override { return inner_->Name(); }

 private:
  std::unique_ptr<LabelGenerator> inner_;
};

TEST_CASE("postdata-tiny: byte-identical files and the VRF nonce", "[init]") {
  const auto& tiny = test::Tiny();
  CheckTinyFiles(tiny.dir.path());
  REQUIRE(tiny.meta.nonce.has_value());
  CHECK(*tiny.meta.nonce == tiny.vectors["vrf_nonce"].get<uint64_t>());
  CHECK(test::HexOf(*tiny.meta.nonce_value) == tiny.vectors["vrf_nonce_label"].get<std::string>().substr(0, 32));
  auto saved = LoadMetadata(tiny.dir.path());
  REQUIRE(saved.ok());
  CHECK(*saved == tiny.meta);
  CHECK(CheckDataFiles(tiny.dir.path(), *saved).ok());
}

TEST_CASE("an interrupted run resumes to identical bytes", "[init]") {
  for (int stop_after : {1, 5, 13}) {
    test::TempDir dir;
    std::atomic<bool> stop{false};
    StopAfter observer(stop_after, &stop);
    SmallBatches gen(TinyGenerator());
    auto first = Initialize(dir.path(), TinyRequest(), gen, &observer, &stop);
    CHECK(first.status().code() == base::Status::Code::kAborted);
    // A kill in the middle of a write leaves part of a label behind.
    {
      std::ofstream torn(dir.path() / DataFileName(stop_after > 10 ? 1 : 0), std::ios::app | std::ios::binary);
      torn.write("partial", 7);
    }
    auto resumed = Initialize(dir.path(), TinyRequest(), gen);
    REQUIRE(resumed.ok());
    CheckTinyFiles(dir.path());
    CHECK(resumed->nonce == test::Tiny().meta.nonce);
  }
}

TEST_CASE("file ranges in one directory add up to the whole run", "[init]") {
  test::TempDir dir;
  auto gen = TinyGenerator(2);
  InitRequest request = TinyRequest();
  request.range = FileRange{1, 2};
  auto part = Initialize(dir.path(), request, *gen);
  REQUIRE(part.ok());
  CHECK_FALSE(std::filesystem::exists(dir.path() / "postdata_0.bin"));
  request.range = FileRange{0, 0};
  auto rest = Initialize(dir.path(), request, *gen);
  REQUIRE(rest.ok());
  CheckTinyFiles(dir.path());
  CHECK(rest->nonce == test::Tiny().meta.nonce);
}

TEST_CASE("a directory of another layout is refused", "[init]") {
  test::TempDir dir;
  auto gen = TinyGenerator();
  InitRequest request = TinyRequest();
  request.range = FileRange{2, 2};
  REQUIRE(Initialize(dir.path(), request, *gen).ok());
  request.layout.node_id[0] ^= 1;
  base::Status s = Initialize(dir.path(), request, *gen).status();
  CHECK(s.code() == base::Status::Code::kInvalidArgument);
  CHECK_THAT(s.message(), Catch::Contains("NodeId"));
}

TEST_CASE("with no label below the difficulty the search continues past the data", "[init]") {
  test::TempDir dir;
  PostMetadata layout = test::TinyLayout(test::Tiny().vectors);
  layout.labels_per_unit = 16;  // 32 labels: difficulty 2^256/4 -> a quarter of labels qualify
  layout.num_units = 2;
  layout.max_file_size = 256;
  InitRequest request{layout, 16, std::nullopt};
  auto gen = MakeCpuGenerator(Commitment(layout.node_id, layout.commitment_atx_id), 16, 1);
  auto meta = Initialize(dir.path(), request, *gen);
  REQUIRE(meta.ok());
  REQUIRE(meta->nonce.has_value());
  // Whatever was found is the minimum over everything computed and below the difficulty.
  const auto label = ComputeFullLabel(Commitment(layout.node_id, layout.commitment_atx_id), *meta->nonce, 16);
  CHECK(label < VrfDifficulty(32));
  for (uint64_t i = 0; i < 32; ++i) {
    CHECK_FALSE(ComputeFullLabel(Commitment(layout.node_id, layout.commitment_atx_id), i, 16) < label);
  }
}

}  // namespace
}  // namespace post
