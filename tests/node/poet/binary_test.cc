// The spacemesh-poet binary as its own process: it prints its URL, serves a registration and the
// round's proof, and stops cleanly on SIGTERM; bad flags exit 2 with one line.
#include <signal.h>

#include <catch2/catch.hpp>

#include "node/poet/client.h"
#include "node/poet/protojson_time.h"
#include "node/wire/membership.h"
#include "poet_test_util.h"
#include "support/child_process.h"

namespace node::poet {
namespace {

using namespace std::chrono_literals;
using test::Contains;
using test::Filled;

const std::string kBinary = std::string(SM_BINARY_DIR) + "/node/spacemesh-poet";

TEST_CASE("spacemesh-poet serves a registration and its proof, then stops on SIGTERM", "[poet][binary]") {
  test::TempDir dir;
  // Whole seconds, 4 to 5 s ahead: round 0 registers until genesis + 1 s.
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const Timestamp genesis = FromTimePoint(now + 4s);
  sm::test::ChildProcess poet({kBinary, "--dir", (dir.path() / "poet").string(), "--listen", "127.0.0.1:0",
                               "--genesis-time", FormatProtoTimestamp(genesis), "--epoch-duration", "2s",
                               "-phase-shift", "1s", "--cycle-gap=1s", "--max-leaves", "2000"},
                              dir.path() / "poet.log");
  REQUIRE(poet.WaitForOutput("listening on http://", 60s));
  const std::string out = poet.Output();
  const size_t at = out.find("listening on ") + 13;
  const std::string url = out.substr(at, out.find('\n', at) - at);
  INFO(out);

  ClientOptions options;
  options.phase_shift = 1s;
  options.retry_delay = 100ms;
  Client client(url, options);
  const auto id = test::MakeIdentity(31);
  auto reg = client.Submit(wire::GenesisId(genesis.seconds, "binary"), id.private_key, Filled(0x31), {});
  REQUIRE(reg.ok());

  std::shared_ptr<const RoundProof> proof;
  REQUIRE(test::WaitFor([&] {
    auto r = client.Proof(reg->round_id);
    if (r.ok()) proof = *r;
    return r.ok() || r.status().code() != base::Status::Code::kNotFound;
  }));
  REQUIRE(proof != nullptr);
  CHECK(proof->members == std::vector<base::Hash32>{Filled(0x31)});
  CHECK(proof->message.statement == *wire::MembershipRoot(proof->members));

  poet.Signal(SIGTERM);
  CHECK(poet.Wait(60s) == 0);
}

TEST_CASE("spacemesh-poet refuses bad flags with one line and exit code 2", "[poet][binary]") {
  test::TempDir dir;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--epoch-duration", "soon"}, {"--bogus", "1"}, {"--dir"}, {"--max-leaves", "-3"}}) {
    std::vector<std::string> argv = {kBinary, "--dir", dir.path().string(), "--genesis-time", "2024-01-01T00:00:00Z"};
    argv.insert(argv.end(), args.begin(), args.end());
    sm::test::ChildProcess poet(argv, dir.path() / "bad.log");
    CHECK(poet.Wait(60s) == 2);
    const std::string out = poet.Output();
    INFO(out);
    CHECK(Contains(out, "spacemesh-poet: "));
    CHECK(std::count(out.begin(), out.end(), '\n') == 1);
    std::filesystem::remove(dir.path() / "bad.log");
  }
}

}  // namespace
}  // namespace node::poet
