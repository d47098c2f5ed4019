#include "node/app/inspect.h"

#include <nlohmann/json.hpp>

#include <string>

#include "node/store/data_folder.h"
#include "node/store/state_store.h"

namespace node {
namespace {

constexpr const char* kUsage = "usage: spacemesh-node inspect -d <data-folder> atxs|poet-proofs";

std::string Hex(const std::string& bytes) {
  return base::ToHex({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
}

}  // namespace

int RunInspect(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string folder, what;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "-d" || arg == "--data-folder" || arg == "-data-folder") && i + 1 < argc) {
      folder = argv[++i];
    } else if (arg.rfind("--data-folder=", 0) == 0) {
      folder = arg.substr(14);
    } else if (what.empty() && (arg == "atxs" || arg == "poet-proofs")) {
      what = arg;
    } else {
      err << "inspect: unexpected argument '" << arg << "'\n" << kUsage << "\n";
      return 2;
    }
  }
  if (folder.empty() || what.empty()) {
    err << kUsage << "\n";
    return 2;
  }
  auto store = StateStore::OpenReadOnly(std::filesystem::path(folder) / DataFolder::kStateDirName);
  if (!store.ok()) {
    err << "inspect: " << store.status().message() << "\n";
    return 1;
  }
  base::Status st;
  if (what == "atxs") {
    st = (*store)->ForEachAtx([&](const Atx& atx) {
      out << nlohmann::json{{"id", base::ToHex(atx.id)},
                            {"smesher", base::ToHex(atx.node_id)},
                            {"publish_epoch", atx.publish_epoch},
                            {"sequence", atx.sequence},
                            {"blob", Hex(atx.blob)}}
                 .dump()
          << "\n";
      return base::Status::Ok();
    });
  } else {
    st = (*store)->ForEachPoetProof([&](const base::Hash32& ref, const std::string& message) {
      out << nlohmann::json{{"ref", base::ToHex(ref)}, {"blob", Hex(message)}}.dump() << "\n";
      return base::Status::Ok();
    });
  }
  if (!st.ok()) {
    err << "inspect: " << st.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace node
