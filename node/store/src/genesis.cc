#include <ctime>

#include <nlohmann/json.hpp>

#include "base/files.h"
#include "node/store/data_folder.h"

namespace node {
namespace {

constexpr const char* kGenesisFile = "genesis.json";

// Now in UTC, RFC 3339 with seconds: 2026-11-21T10:00:00Z.
std::string NowRfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

// The stored genesis, nullopt when the file does not exist.
base::Result<std::optional<Genesis>> LoadGenesis(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (ec) return base::Status::IoError("cannot stat " + path.string() + ": " + ec.message());
    return std::optional<Genesis>();
  }
  auto text = base::ReadFile(path, "genesis file");
  if (!text.ok()) return text.status();
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  const auto field = [&](const char* key) -> const nlohmann::json* {
    auto it = json.is_object() ? json.find(key) : json.end();
    return it != json.end() && it->is_string() ? &*it : nullptr;
  };
  const nlohmann::json* time = field("genesis-time");
  const nlohmann::json* extra = field("extra-data");
  if (!time || !extra) {
    return base::Status::Corruption(path.string() + " is not {\"genesis-time\": string, \"extra-data\": string}");
  }
  return std::optional<Genesis>(Genesis{time->get<std::string>(), extra->get<std::string>()});
}

std::string Describe(const Genesis& g) { return g.time + "/" + g.extra_data; }

}  // namespace

base::Result<Genesis> DataFolder::BindGenesis(const Genesis& wanted) {
  const auto path = root_ / kGenesisFile;
  auto stored = LoadGenesis(path);
  if (!stored.ok()) return stored.status();
  Genesis genesis = wanted;
  if (genesis.time.empty()) genesis.time = *stored ? (*stored)->time : NowRfc3339();
  if (*stored) {
    if ((*stored)->time != genesis.time || (*stored)->extra_data != genesis.extra_data) {
      return base::Status::InvalidArgument("genesis config updated after node initialization (stored " +
                                           Describe(**stored) + ", configured " + Describe(genesis) + ")");
    }
    return genesis;
  }
  const nlohmann::json json = {{"genesis-time", genesis.time}, {"extra-data", genesis.extra_data}};
  std::string text;
  try {
    text = json.dump(2) + "\n";
  } catch (const nlohmann::json::type_error&) {
    return base::Status::InvalidArgument("genesis " + Describe(genesis) + " is not valid UTF-8");
  }
  if (base::Status st = base::WriteFileAtomically(path, text); !st.ok()) return st;
  return genesis;
}

}  // namespace node
