// The README's postcli block, run as written: every command a user copies from it must work.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/files.h"
#include "test_util.h"

namespace post {
namespace {

// The first ```sh block after "## Tools".
std::string ToolsBlock() {
  auto readme = base::ReadFile(std::filesystem::path(SM_TEST_VECTORS_DIR) / ".." / ".." / "README.md", "README");
  REQUIRE(readme.ok());
  const size_t tools = readme->find("\n## Tools");
  REQUIRE(tools != std::string::npos);
  const size_t begin = readme->find("```sh\n", tools);
  REQUIRE(begin != std::string::npos);
  const size_t end = readme->find("```", begin + 6);
  REQUIRE(end != std::string::npos);
  return readme->substr(begin + 6, end - begin - 6);
}

TEST_CASE("every postcli command of the README runs as written", "[postcli][readme]") {
  test::TempDir dir;
  const std::string block = ToolsBlock();
  CHECK(block.find("build/tools/postcli -genproof") != std::string::npos);
  const auto script = dir.path() / "readme.sh", out = dir.path() / "out", err = dir.path() / "err";
  {
    std::ofstream f(script);
    f << "set -euo pipefail\n" << block;
  }
  // `build/` in the README is the build directory; mktemp lands in the test's folder.
  std::filesystem::create_directory_symlink(SM_BINARY_DIR, dir.path() / "build");
  const std::string cmd = "cd " + dir.path().string() + " && TMPDIR=" + dir.path().string() + " bash " +
                          script.string() + " >" + out.string() + " 2>" + err.string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  const std::string stdout_text = *base::ReadFile(out), stderr_text = *base::ReadFile(err);
  INFO(stderr_text);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK_THAT(stderr_text, Catch::Contains("created "));             // identity.key for disk1
  CHECK_THAT(stderr_text, Catch::Contains("merged 2 directories"));
  CHECK_THAT(stderr_text, Catch::Contains("all correct"));
  CHECK_THAT(stdout_text, Catch::Contains("\"proof\""));             // -genproof's JSON
  CHECK_THAT(stdout_text, Catch::Contains("4294967295"));            // -printProviders lists the CPU
}

}  // namespace
}  // namespace post
