#include <catch2/catch.hpp>

#include "base/go_flags.h"

namespace base {
namespace {

std::vector<std::string> Rewrite(std::vector<const char*> args) {
  args.insert(args.begin(), "prog");
  return GoStyleArgs(int(args.size()), args.data(),
                     [](const std::string& name) { return name == "data-folder" || name == "numUnits"; });
}

TEST_CASE("GoStyleArgs turns Go's single-dash long flags into CLI11's", "[base][go_flags]") {
  using V = std::vector<std::string>;
  CHECK(Rewrite({"-data-folder", "x"}) == V{"--data-folder", "x"});
  CHECK(Rewrite({"-numUnits=4"}) == V{"--numUnits=4"});
  CHECK(Rewrite({"-d=x"}) == V{"-d", "x"});
  CHECK(Rewrite({"--data-folder", "y"}) == V{"--data-folder", "y"});
  CHECK(Rewrite({"-unknown", "-5"}) == V{"-unknown", "-5"});
  CHECK(Rewrite({"--", "-data-folder"}) == V{"--", "-data-folder"});
}

}  // namespace
}  // namespace base
