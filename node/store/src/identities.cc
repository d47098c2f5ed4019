#include "node/store/identities.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>

namespace node {
namespace {

namespace fs = std::filesystem;
constexpr const char* kLocalKey = "local.key";

// Names of the top-level regular files ending in ".key", sorted; none for a missing directory.
base::Result<std::vector<std::string>> KeyFileNames(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::exists(dir, ec) && !ec) return names;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (name.ends_with(".key") && it->is_regular_file(type_ec)) names.push_back(name);
  }
  if (ec) return base::Status::IoError("cannot list identities directory " + dir.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

bool GroupOrOthersCanRead(const fs::path& file) {
  struct stat st;
  return ::stat(file.c_str(), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
}

// The identities directory holds no key: make local.key (directory 0700, file 0600).
base::Result<NamedIdentity> CreateLocalKey(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!ec) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return base::Status::IoError("cannot create identities directory " + dir.string() + ": " + ec.message());
  auto identity = post::GenerateIdentity();
  if (!identity.ok()) return identity.status();
  if (base::Status st = post::SaveIdentityKey(dir / kLocalKey, *identity); !st.ok()) return st;
  return NamedIdentity{kLocalKey, *identity, false};
}

}  // namespace

base::Result<std::vector<NamedIdentity>> LoadIdentities(const fs::path& dir) {
  auto names = KeyFileNames(dir);
  if (!names.ok()) return names.status();
  std::vector<NamedIdentity> identities;
  if (names->empty()) {
    auto local = CreateLocalKey(dir);
    if (!local.ok()) return local.status();
    identities.push_back(std::move(*local));
    return identities;
  }
  for (const std::string& name : *names) {
    auto identity = post::LoadIdentityKey(dir / name);
    if (!identity.ok()) return identity.status().WithContext("failed to construct identity " + name);
    identities.push_back(NamedIdentity{name, *identity, GroupOrOthersCanRead(dir / name)});
  }
  std::map<base::Hash32, const std::string*> owners;
  for (const NamedIdentity& id : identities) {
    auto [it, fresh] = owners.emplace(id.node_id(), &id.name);
    if (!fresh) {
      return base::Status::InvalidArgument("duplicate key found in identity files (" + *it->second + " and " + id.name +
                                           ")");
    }
  }
  const bool has_local = std::binary_search(names->begin(), names->end(), kLocalKey);
  if (has_local && identities.size() > 1) {
    return base::Status::InvalidArgument("supervised key found in remote smeshing mode (local.key with " +
                                         std::to_string(identities.size() - 1) + " other keys)");
  }
  return identities;
}

bool IsSupervised(const std::vector<NamedIdentity>& identities) {
  return identities.size() == 1 && identities.front().name == kLocalKey;
}

}  // namespace node
