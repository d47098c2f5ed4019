// postcli: initializes PoST data (CPU or OpenCL), and verifies, searches, merges and proves it.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "base/network.h"
#include "log.h"
#include "options.h"
#include "post/data_check.h"
#include "post/data_identity.h"
#include "post/labels.h"
#include "post/prove.h"
#include "post/verify.h"
#include "progress.h"
#include "sm/opencl/label_generator.h"
#include "sm/opencl/providers.h"

namespace {

using base::Status;
std::atomic<bool> g_stop{false};

int Fail(const std::string& message) {
  std::fprintf(stderr, "postcli: %s\n", message.c_str());
  return 1;
}
int Fail(const Status& s) { return Fail(s.ToString()); }

// Asks on the terminal unless -yes was given; without a terminal the answer is no.
bool Confirm(const postcli::Options& o, const std::string& question) {
  if (o.yes) return true;
  std::fprintf(stderr, "%s [y/N] ", question.c_str());
  std::string answer;
  return std::getline(std::cin, answer) && (answer == "y" || answer == "Y" || answer == "yes");
}

int PrintProviders() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : sm::opencl::ListProviders()) {
    list.push_back({{"id", p.id},
                    {"name", p.name},
                    {"type", sm::opencl::DeviceTypeName(p.type)},
                    {"vendor", p.vendor},
                    {"platform", p.platform},
                    {"global_memory", p.global_memory}});
  }
  std::printf("%s\n", list.dump(2).c_str());
  return 0;
}

post::PostMetadata LayoutFromFlags(const postcli::Options& o) {
  post::PostMetadata m;
  m.labels_per_unit = o.labels_per_unit;
  m.num_units = uint32_t(o.num_units.value_or(0));
  m.max_file_size = o.max_file_size;
  return m;
}

// Parses -id / -commitmentAtxId (64 hex each, empty = not given).
Status ParseIds(const postcli::Options& o, post::DataIdentityRequest* request) {
  if (!o.id.empty()) {
    request->node_id = base::Hash32FromHex(o.id);
    if (!request->node_id) return Status::InvalidArgument("-id must be 64 hex characters");
  }
  if (!o.commitment_atx_id.empty()) {
    request->commitment_atx_id = base::Hash32FromHex(o.commitment_atx_id);
    if (!request->commitment_atx_id) return Status::InvalidArgument("-commitmentAtxId must be 64 hex characters");
  }
  return Status::Ok();
}

// Settles the node id and commitment ATX from the flags, the metadata and identity.key,
// creating identity.key for a fresh directory without -id.
Status ResolveIdentity(const postcli::Options& o, post::PostMetadata* layout) {
  post::DataIdentityRequest request;
  if (Status s = ParseIds(o, &request); !s.ok()) return s;
  const std::filesystem::path dir = o.datadir;
  const bool fresh = !std::filesystem::exists(dir / post::kMetadataFileName);
  const bool partial = o.to_file || o.from_file != 0;
  if (partial && !request.node_id && fresh && !std::filesystem::exists(dir / post::kIdentityKeyFileName)) {
    return Status::InvalidArgument("-fromFile/-toFile need -id, so that every part belongs to one identity");
  }
  if (fresh && !request.commitment_atx_id) {
    return Status::InvalidArgument("-commitmentAtxId is required to initialize a new directory");
  }
  request.may_create_key = !partial;
  auto identity = post::ResolveDataIdentity(dir, request);
  if (!identity.ok()) return identity.status();
  if (identity->created_key) {
    postcli::Log(postcli::LogLevel::kInfo, "created %s for node id %s", (dir / post::kIdentityKeyFileName).c_str(),
                 base::ToHex(identity->node_id).c_str());
  }
  layout->node_id = identity->node_id;
  layout->commitment_atx_id = identity->commitment_atx_id;
  return Status::Ok();
}

// An initialized directory's metadata for -genproof and -verify, which need no init flags; a
// layout or identity flag that disagrees with the metadata is refused rather than ignored.
base::Result<post::PostMetadata> LoadForUse(const postcli::Options& o) {
  auto meta = post::LoadMetadata(o.datadir);
  if (!meta.ok()) return meta.status();
  auto conflict = [&](const char* flag, const std::string& given, const std::string& stored) {
    return Status::InvalidArgument("-" + std::string(flag) + " " + given + " conflicts with " + o.datadir +
                                   "'s metadata (" + stored + ")");
  };
  if (o.num_units && *o.num_units != meta->num_units) {
    return conflict("numUnits", std::to_string(*o.num_units), std::to_string(meta->num_units));
  }
  if (o.given.count("labelsPerUnit") && o.labels_per_unit != meta->labels_per_unit) {
    return conflict("labelsPerUnit", std::to_string(o.labels_per_unit), std::to_string(meta->labels_per_unit));
  }
  if (o.given.count("maxFileSize") && o.max_file_size != meta->max_file_size) {
    return conflict("maxFileSize", std::to_string(o.max_file_size), std::to_string(meta->max_file_size));
  }
  post::DataIdentityRequest ids;
  if (Status s = ParseIds(o, &ids); !s.ok()) return s;
  if (ids.node_id && *ids.node_id != meta->node_id) return conflict("id", o.id, base::ToHex(meta->node_id));
  if (ids.commitment_atx_id && *ids.commitment_atx_id != meta->commitment_atx_id) {
    return conflict("commitmentAtxId", o.commitment_atx_id, base::ToHex(meta->commitment_atx_id));
  }
  if (Status s = post::CheckIdentityKey(o.datadir, *meta); !s.ok()) return s;
  postcli::Log(postcli::LogLevel::kDebug, "%s: node id %s, %u units of %llu labels, scrypt N %u", o.datadir.c_str(),
               base::ToHex(meta->node_id).c_str(), meta->num_units,
               static_cast<unsigned long long>(meta->labels_per_unit), o.scrypt_n);
  return meta;
}

int Reset(const postcli::Options& o) {
  if (!Confirm(o, "delete all data files and the metadata in " + o.datadir + "?")) return Fail("reset cancelled");
  auto files = post::ListDataFiles(o.datadir);
  if (!files.ok()) return Fail(files.status());
  for (const auto& f : *files) std::filesystem::remove(f.path);
  std::filesystem::remove(std::filesystem::path(o.datadir) / post::kMetadataFileName);
  postcli::Log(postcli::LogLevel::kInfo, "removed %zu data files and the metadata (identity.key kept)", files->size());
  return 0;
}

int GenProof(const postcli::Options& o, const post::PostMetadata& meta) {
  auto pow = base::Hash32FromHex(o.pow_difficulty);
  if (!pow) return Fail("-powDifficulty must be 64 hex characters");
  const auto mode = o.randomx_mode == "fast" ? post::RandomXMode::kFast : post::RandomXMode::kLight;
  auto randomx = post::RandomX::Create(mode, 0);
  if (!randomx.ok()) return Fail(randomx.status());
  post::ProofParams params{o.k1, o.k2, *pow};
  post::ProvingOptions options;
  options.nonces = o.nonces;
  options.threads = o.proof_threads.value_or(1);
  const base::Hash32 challenge{};
  auto proof = post::GenerateProof(o.datadir, challenge, params, options, **randomx, nullptr, &g_stop);
  if (!proof.ok()) return Fail(proof.status());
  auto verifier = post::Verifier::Create(*randomx);
  if (!verifier.ok()) return Fail(verifier.status());
  post::VerifyParams vp;
  vp.proof = params;
  vp.scrypt_n = o.scrypt_n;
  const post::ProofMetadata pm{meta.node_id, meta.commitment_atx_id, challenge, meta.num_units, meta.labels_per_unit};
  if (Status s = (*verifier)->Verify(*proof, pm, vp); !s.ok())
    return Fail("the generated proof does not verify: " + s.ToString());
  nlohmann::json out = {
      {"proof", {{"nonce", proof->nonce}, {"indices", base::ToBase64(proof->indices)}, {"pow", proof->pow}}},
      {"metadata",
       {{"node_id", base::ToBase64(meta.node_id)},
        {"commitment_atx_id", base::ToBase64(meta.commitment_atx_id)},
        {"challenge", base::ToBase64(challenge)},
        {"num_units", meta.num_units},
        {"labels_per_unit", meta.labels_per_unit}}}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

int Run(const postcli::Options& o) {
  if (o.print_providers) return PrintProviders();
  if (o.print_num_files) {
    if (!o.num_units) return Fail("-printNumFiles needs -numUnits");
    std::printf("%llu\n", static_cast<unsigned long long>(LayoutFromFlags(o).num_files()));
    return 0;
  }
  if (o.print_config) {
    nlohmann::json c = {{"datadir", o.datadir},
                        {"labelsPerUnit", o.labels_per_unit},
                        {"maxFileSize", o.max_file_size},
                        {"scryptN", o.scrypt_n},
                        {"numUnits", o.num_units.value_or(0)},
                        {"provider", o.provider.value_or(0)},
                        {"k1", o.k1},
                        {"k2", o.k2},
                        {"powDifficulty", o.pow_difficulty},
                        {"nonces", o.nonces}};
    std::printf("%s\n", c.dump(2).c_str());
    return 0;
  }
  if (o.merge) {
    std::vector<std::filesystem::path> dirs(o.merge_dirs.begin(), o.merge_dirs.end());
    auto merged = post::MergeDataDirs(o.datadir, dirs, o.scrypt_n);
    if (!merged.ok()) return Fail(merged.status());
    postcli::Log(postcli::LogLevel::kInfo, "merged %zu directories into %s; VRF nonce %s", dirs.size(),
                 o.datadir.c_str(),
                 merged->nonce ? std::to_string(*merged->nonce).c_str() : "not found (run -searchForNonce)");
    return 0;
  }
  if (o.verify || o.search_for_nonce) {
    auto meta = LoadForUse(o);
    if (!meta.ok()) return Fail(meta.status());
    if (o.verify) {
      auto range = post::ResolveFileRange(*meta, o.from_file, o.to_file);
      if (!range.ok()) return Fail(range.status());
      if (Status s = post::VerifyDataSample(o.datadir, *meta, o.scrypt_n, o.fraction, *range, std::random_device{}());
          !s.ok()) {
        return Fail(s);
      }
      postcli::Log(postcli::LogLevel::kInfo, "verified %g%% of the labels of files %llu..%llu: all correct", o.fraction,
                   static_cast<unsigned long long>(range->first), static_cast<unsigned long long>(range->last));
      return 0;
    }
    auto found = post::SearchNonceInData(o.datadir, *meta, o.scrypt_n);
    if (!found.ok()) return Fail(found.status());
    if (!*found) return Fail("no label in the data is below the VRF difficulty");
    post::RecordVrfNonce(**found, &*meta);
    if (Status s = post::SaveMetadata(o.datadir, *meta); !s.ok()) return Fail(s);
    std::printf("%llu\n", static_cast<unsigned long long>((*found)->index));
    return 0;
  }
  if (o.reset) return Reset(o);
  // -genproof alone on a complete directory proves it; with -provider it resumes the init first.
  if (o.genproof && !o.provider &&
      std::filesystem::exists(std::filesystem::path(o.datadir) / post::kMetadataFileName)) {
    auto meta = LoadForUse(o);
    if (!meta.ok()) return Fail(meta.status());
    if (Status s = post::CheckDataFiles(o.datadir, *meta); !s.ok()) {
      return Fail(s.ToString() + " (the data is incomplete: give -provider to finish initializing it)");
    }
    return GenProof(o, *meta);
  }

  if (!o.provider) return Fail("-provider must be given explicitly (4294967295 for the CPU; see -printProviders)");
  if (!o.num_units) return Fail("-numUnits is required");
  if (o.labels_per_unit != base::mainnet::kLabelsPerUnit &&
      !Confirm(o, "labelsPerUnit " + std::to_string(o.labels_per_unit) + " is not mainnet's; continue?")) {
    return Fail("cancelled");
  }
  if (o.scrypt_n != base::mainnet::kScryptN &&
      !Confirm(o, "scryptN " + std::to_string(o.scrypt_n) + " is not mainnet's; continue?")) {
    return Fail("cancelled");
  }
  if ((*o.num_units < base::mainnet::kMinNumUnits || *o.num_units > postcli::kConfirmAboveUnits) &&
      !Confirm(o, "numUnits " + std::to_string(*o.num_units) + " is outside mainnet's [" +
                      std::to_string(base::mainnet::kMinNumUnits) + ", " + std::to_string(postcli::kConfirmAboveUnits) +
                      "]; continue?")) {
    return Fail("cancelled");
  }
  post::InitRequest request;
  request.layout = LayoutFromFlags(o);
  request.scrypt_n = o.scrypt_n;
  if (Status s = ResolveIdentity(o, &request.layout); !s.ok()) return Fail(s);
  auto range = post::ResolveFileRange(request.layout, o.from_file, o.to_file);
  if (!range.ok()) return Fail(range.status());
  request.range = *range;
  auto generator =
      sm::opencl::MakeGenerator(*o.provider, post::Commitment(request.layout.node_id, request.layout.commitment_atx_id),
                                o.scrypt_n, {o.threads, o.lookup_gap, o.lanes});
  if (!generator.ok()) return Fail(generator.status());
  postcli::ProgressLine progress((*generator)->Name());
  auto meta = post::Initialize(o.datadir, request, **generator,
                               postcli::LogEnabled(postcli::LogLevel::kInfo) ? &progress : nullptr, &g_stop);
  progress.Finish();
  if (!meta.ok()) {
    if (meta.status().code() == Status::Code::kAborted) {
      return Fail("interrupted; run the same command again to resume where it stopped");
    }
    return Fail(meta.status());
  }
  postcli::Log(postcli::LogLevel::kInfo, "initialized %s: %llu labels, VRF nonce %s", o.datadir.c_str(),
               static_cast<unsigned long long>(meta->total_labels()),
               meta->nonce ? std::to_string(*meta->nonce).c_str() : "not in this file range");
  if (o.genproof) return GenProof(o, *meta);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  postcli::Options options;
  if (auto code = postcli::ParseOptions(argc, argv, &options)) return *code;
  std::signal(SIGINT, [](int) { g_stop = true; });
  std::signal(SIGTERM, [](int) { g_stop = true; });
  return Run(options);
}
