// The node's identities: <data>/identities/*.key as the reference keeps them (node.md §6).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "post/identity.h"

namespace node {

struct NamedIdentity {
  std::string name;  // the key file's name with ".key", as PostStates reports it
  post::Identity identity;
  bool world_readable = false;  // group or others may read the key file (the app warns)
  base::Hash32 node_id() const { return identity.node_id(); }
};

// Reads every top-level regular file ending in ".key" (sorted by name). Rules as the reference:
// a bad file is "failed to construct identity <name>: <why>" (the key loader's code); the same
// key in two files is kInvalidArgument "duplicate key found in identity files (<a> and <b>)";
// local.key among other keys is kInvalidArgument "supervised key found in remote smeshing mode
// (local.key with N other keys)". With no key at all (or no directory) it creates local.key
// (directory 0700, file 0600) and returns it.
base::Result<std::vector<NamedIdentity>> LoadIdentities(const std::filesystem::path& dir);

// Exactly one key and it is local.key.
bool IsSupervised(const std::vector<NamedIdentity>& identities);

}  // namespace node
