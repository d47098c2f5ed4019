// The binary refuses to start, with a clear message and a non-zero exit code, on every
// misconfiguration an operator can make.
#include <catch2/catch.hpp>
#include <fstream>

#include "harness.h"
#include "tiny_dataset.h"

namespace post_service::test {
namespace {

// Nothing listens here; every case below fails before dialing.
constexpr const char* kAddress = "http://127.0.0.1:1";

struct Outcome {
  int code;
  std::string output;
};

Outcome Run(const std::vector<std::string>& args) {
  ServiceProcess service(args, false);
  const auto code = service.process().Wait(kTimeout);
  REQUIRE(code);
  return {*code, service.process().Output()};
}

void ExpectFailure(const std::vector<std::string>& args, const std::string& message, int code = 1) {
  const Outcome outcome = Run(args);
  INFO(outcome.output);
  CHECK(outcome.code == code);
  CHECK(outcome.output.find(message) != std::string::npos);
}

// A copy of the tiny dataset that a test may break.
struct DataCopy {
  post::test::TempDir dir;
  DataCopy() {
    for (const auto& entry : std::filesystem::directory_iterator(post::test::Tiny().dir.path())) {
      std::filesystem::copy_file(entry.path(), dir.path() / entry.path().filename());
    }
  }
};

TEST_CASE("startup: missing metadata", "[startup]") {
  post::test::TempDir empty;
  ExpectFailure(TinyArgs(empty.path(), kAddress), "loading POST metadata");
}

TEST_CASE("startup: invalid metadata", "[startup]") {
  DataCopy data;
  std::ofstream(data.dir.path() / "postdata_metadata.json") << "{\"NodeId\": 12";
  ExpectFailure(TinyArgs(data.dir.path(), kAddress), "loading POST metadata");
}

TEST_CASE("startup: num_units out of range", "[startup]") {
  auto args = TinyArgs(post::test::Tiny().dir.path(), kAddress);
  SetFlag(args, "--min-num-units", "4");
  ExpectFailure(args, "number of units in the POST data is out of range: 2 not in 4..=16");
  SetFlag(args, "--min-num-units", "1");
  SetFlag(args, "--max-num-units", "1");
  ExpectFailure(args, "out of range: 2 not in 1..=1");
}

TEST_CASE("startup: the address needs http:// or https://", "[startup]") {
  ExpectFailure(TinyArgs(post::test::Tiny().dir.path(), "127.0.0.1:9094"), "must start with http:// or https://");
}

TEST_CASE("startup: https without TLS files, or some of them", "[startup]") {
  auto args = TinyArgs(post::test::Tiny().dir.path(), "https://127.0.0.1:1");
  ExpectFailure(args, "tls configuration not provided");
  args.insert(args.end(), {"--ca-cert", "/nonexistent/ca.pem"});
  ExpectFailure(args, "must be given together");
  args.insert(args.end(), {"--cert", "/nonexistent/c.pem", "--key", "/nonexistent/c.key"});
  ExpectFailure(args, "/nonexistent/ca.pem");
}

TEST_CASE("startup: a data file missing", "[startup]") {
  DataCopy data;
  std::filesystem::remove(data.dir.path() / "postdata_1.bin");
  ExpectFailure(TinyArgs(data.dir.path(), kAddress), "postdata_1.bin");
}

TEST_CASE("startup: a data file of the wrong size", "[startup]") {
  DataCopy data;
  std::filesystem::resize_file(data.dir.path() / "postdata_2.bin", 700);
  ExpectFailure(TinyArgs(data.dir.path(), kAddress), "postdata_2.bin");
}

TEST_CASE("startup: remote k2pow is refused", "[startup]") {
  auto args = TinyArgs(post::test::Tiny().dir.path(), kAddress);
  args.insert(args.end(), {"--remote-k2pow", "http://127.0.0.1:3000"});
  ExpectFailure(args, "--remote-k2pow is not supported");
}

TEST_CASE("startup: bad flag values exit with 2", "[startup]") {
  auto args = TinyArgs(post::test::Tiny().dir.path(), kAddress);
  SetFlag(args, "--nonces", "24");
  ExpectFailure(args, "nonces must be multiple of 16", 2);
  SetFlag(args, "--nonces", "4112");
  ExpectFailure(args, "max nonces is 4096", 2);
  ExpectFailure({ServiceBinary(), "--address", kAddress}, "--dir", 2);
}

TEST_CASE("startup: --help and --version", "[startup]") {
  const Outcome help = Run({ServiceBinary(), "--help"});
  CHECK(help.code == 0);
  for (const char* flag : {"--dir",
                           "--address",
                           "--reconnect-interval-s",
                           "--max-retries",
                           "--watch-pid",
                           "--operator-address",
                           "--min-num-units",
                           "--max-num-units",
                           "--k1",
                           "--k2",
                           "--pow-difficulty",
                           "-n",
                           "-r",
                           "-p",
                           "--threads",
                           "--pinned-cores",
                           "--nonces",
                           "--randomx-mode",
                           "--ca-cert",
                           "--cert",
                           "--key",
                           "--domain",
                           "--remote-k2pow",
                           "--remote-k2pow-parallelism",
                           "--remote-k2pow-backoff"}) {
    INFO(flag);
    CHECK(help.output.find(flag) != std::string::npos);
  }
  CHECK(Run({ServiceBinary(), "--version"}).code == 0);
}

}  // namespace
}  // namespace post_service::test
