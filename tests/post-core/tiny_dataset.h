// The postdata-tiny vector set, initialized once per test run into a temporary directory.
#pragma once

#include <nlohmann/json.hpp>

#include "post/initialize.h"
#include "post/labels.h"
#include "post/metadata.h"
#include "test_util.h"

namespace post::test {

PostMetadata TinyLayout(const nlohmann::json& dataset);

struct TinyDataset {
  nlohmann::json vectors;  // the "dataset" object of postdata-tiny.json
  TempDir dir;
  PostMetadata meta;  // as Initialize returned it
};
// Shared by every test in the binary; initialized on first use with the CPU generator.
const TinyDataset& Tiny();

}  // namespace post::test
