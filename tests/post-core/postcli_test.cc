// postcli end to end: the binary run as a user runs it.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "post/identity.h"
#include "post/metadata.h"
#include "test_util.h"
#include "tiny_dataset.h"

namespace post {
namespace {

const std::string kPostcli = std::string(SM_BINARY_DIR) + "/tools/postcli";

struct Run {
  int exit_code;
  std::string out, err;
};

Run Postcli(const std::string& args) {
  test::TempDir io;
  const auto out = io.path() / "out", err = io.path() / "err";
  const std::string cmd = kPostcli + " " + args + " >" + out.string() + " 2>" + err.string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

// The tiny vector layout as postcli flags, into `dir`.
std::string TinyFlags(const std::filesystem::path& dir) {
  const auto& v = test::Tiny().vectors;
  return "-provider 4294967295 -numUnits 2 -labelsPerUnit 1024 -maxFileSize 16000 -scryptN 16 -yes"
         " -id " +
         v["node_id"].get<std::string>() + " -commitmentAtxId " + v["commitment_atx_id"].get<std::string>() +
         " -datadir " + dir.string();
}

void CheckSameFiles(const std::filesystem::path& a, const std::filesystem::path& b) {
  for (const auto& f : test::Tiny().vectors["files"]) {
    const std::string name = f["name"];
    CHECK(test::Sha256Hex(a / name) == test::Sha256Hex(b / name));
  }
}

TEST_CASE("postcli initializes the tiny vector set byte for byte", "[postcli]") {
  test::TempDir dir;
  Run r = Postcli(TinyFlags(dir.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CheckSameFiles(dir.path(), test::Tiny().dir.path());
  auto meta = LoadMetadata(dir.path());
  REQUIRE(meta.ok());
  CHECK(meta->nonce == test::Tiny().vectors["vrf_nonce"].get<uint64_t>());
  CHECK_THAT(r.err, Catch::Contains("labels/s"));

  CHECK(Postcli("-verify -fraction 100 -scryptN 16 -datadir " + dir.path().string()).exit_code == 0);
  Run found = Postcli("-searchForNonce -scryptN 16 -datadir " + dir.path().string());
  CHECK(found.exit_code == 0);
  CHECK(found.out == "1430\n");
  CHECK(Postcli("-printNumFiles -numUnits 2 -labelsPerUnit 1024 -maxFileSize 16000").out == "3\n");
}

TEST_CASE("postcli on an OpenCL provider writes the same bytes as the CPU", "[postcli][opencl]") {
  Run providers = Postcli("-printProviders");
  REQUIRE(providers.exit_code == 0);
  auto list = nlohmann::json::parse(providers.out);
  REQUIRE(list.size() >= 2);  // PoCL (or a GPU) and the CPU provider
  CHECK(list.back()["id"] == 4294967295u);
  for (const char* tuning : {"", " -lookupGap 3 -lanes 256"}) {
    test::TempDir dir;
    std::string flags = TinyFlags(dir.path());
    flags.replace(flags.find("4294967295"), 10, std::to_string(list[0]["id"].get<uint32_t>()));
    Run r = Postcli(flags + tuning);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CheckSameFiles(dir.path(), test::Tiny().dir.path());
    CHECK(*LoadMetadata(dir.path()) == test::Tiny().meta);
  }
}

TEST_CASE("postcli -verify names the corrupted file and offset", "[postcli]") {
  test::TempDir dir;
  REQUIRE(Postcli(TinyFlags(dir.path())).exit_code == 0);
  {
    std::fstream f(dir.path() / "postdata_1.bin", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(16 * 7 + 3);
    f.put(char(0x5a));
  }
  Run r = Postcli("-verify -fraction 100 -scryptN 16 -datadir " + dir.path().string());
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("postdata_1.bin: label 1007 at offset 112 is wrong"));
}

TEST_CASE("postcli -verify with another scrypt N names the parameters and the N that matches", "[postcli]") {
  test::TempDir dir;
  REQUIRE(Postcli(TinyFlags(dir.path())).exit_code == 0);
  Run r = Postcli("-verify -fraction 1 -scryptN 32 -datadir " + dir.path().string());
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("checked with scrypt N=32 and commitment "));
  CHECK_THAT(r.err, Catch::Contains("the stored label is the one scrypt N=16 makes: pass -scryptN 16"));
}

TEST_CASE("postcli under umask 000 writes data and metadata 0644 and identity.key 0600", "[postcli]") {
  test::TempDir dir;
  std::string flags = TinyFlags(dir.path());
  flags.erase(flags.find(" -id "), 5 + 64);
  const mode_t old_mask = ::umask(0);
  const Run r = Postcli(flags);
  ::umask(old_mask);
  REQUIRE(r.exit_code == 0);
  const auto mode = [&](const char* name) {
    struct stat st {};
    REQUIRE(::stat((dir.path() / name).c_str(), &st) == 0);
    return st.st_mode & 0777;
  };
  CHECK(mode("postdata_metadata.json") == 0644);
  CHECK(mode("postdata_0.bin") == 0644);
  CHECK(mode("identity.key") == 0600);
}

TEST_CASE("postcli -fromFile/-toFile parts merged equal one run", "[postcli]") {
  test::TempDir a, b, merged;
  REQUIRE(Postcli(TinyFlags(a.path()) + " -fromFile 0 -toFile 1").exit_code == 0);
  REQUIRE(Postcli(TinyFlags(b.path()) + " -fromFile 2").exit_code == 0);
  Run r = Postcli("-merge -scryptN 16 -datadir " + merged.path().string() + " " + a.path().string() + " " +
                  b.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CheckSameFiles(merged.path(), test::Tiny().dir.path());
  auto meta = LoadMetadata(merged.path());
  REQUIRE(meta.ok());
  CHECK(*meta == test::Tiny().meta);
}

TEST_CASE("postcli -merge refuses gaps, overlaps and other identities", "[postcli]") {
  test::TempDir a, b, c, out;
  REQUIRE(Postcli(TinyFlags(a.path()) + " -fromFile 0 -toFile 0").exit_code == 0);
  REQUIRE(Postcli(TinyFlags(b.path()) + " -fromFile 0 -toFile 1").exit_code == 0);
  const std::string merge = "-merge -scryptN 16 -datadir " + out.path().string() + " ";
  CHECK_THAT(Postcli(merge + a.path().string()).err, Catch::Contains("no directory holds postdata_1.bin"));
  CHECK_THAT(Postcli(merge + a.path().string() + " " + b.path().string()).err,
             Catch::Contains("postdata_0.bin is in both"));
  std::string other = TinyFlags(c.path()) + " -fromFile 1 -toFile 2";
  other.replace(other.find("-id ") + 4, 2, "ff");
  REQUIRE(Postcli(other).exit_code == 0);
  CHECK_THAT(Postcli(merge + a.path().string() + " " + c.path().string()).err,
             Catch::Contains("another identity or layout"));
}

TEST_CASE("postcli -genproof prints a proof that the reference format expects", "[postcli]") {
  test::TempDir dir;
  Run r = Postcli(TinyFlags(dir.path()) +
                  " -genproof -k1 64 -k2 8 -nonces 16 -randomxMode light"
                  " -powDifficulty 0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["proof"]["nonce"].is_number());
  CHECK(base::FromBase64(j["proof"]["indices"].get<std::string>())->size() == 12);  // 8 x 12 bits
  CHECK(j["metadata"]["challenge"] == base::ToBase64(base::Hash32{}));
  CHECK(j["metadata"]["node_id"] == base::ToBase64(test::Tiny().meta.node_id));
  CHECK(j["metadata"]["num_units"] == 2);
  CHECK(j["metadata"]["labels_per_unit"] == 1024);
}

TEST_CASE("postcli makes identity.key when no -id is given", "[postcli]") {
  test::TempDir dir;
  std::string flags = TinyFlags(dir.path());
  flags.erase(flags.find(" -id "), 5 + 64);
  REQUIRE(Postcli(flags).exit_code == 0);
  const auto key_file = dir.path() / "identity.key";
  auto key = LoadIdentityKey(key_file);
  REQUIRE(key.ok());
  CHECK((std::filesystem::status(key_file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK(LoadMetadata(dir.path())->node_id == key->node_id());
  // Re-running with a different -id is refused.
  CHECK_THAT(Postcli(TinyFlags(dir.path())).err, Catch::Contains("does not match"));
}

TEST_CASE("postcli rejects bad flags with clear errors", "[postcli]") {
  test::TempDir dir;
  std::string no_provider = TinyFlags(dir.path());
  no_provider.erase(0, std::string("-provider 4294967295 ").size());
  CHECK_THAT(Postcli(no_provider).err, Catch::Contains("-provider must be given"));
  CHECK_THAT(Postcli(TinyFlags(dir.path()) + " -commitmentAtxId xyz").err,
             Catch::Contains("-commitmentAtxId must be 64 hex"));
  CHECK_THAT(Postcli(TinyFlags(dir.path()) + " -toFile 9").err, Catch::Contains("9"));
  CHECK(Postcli("-numUnits notanumber").exit_code != 0);
  std::string mainnet_n = TinyFlags(dir.path());
  mainnet_n.erase(mainnet_n.find(" -yes"), 5);
  CHECK_THAT(Postcli(mainnet_n).err, Catch::Contains("cancelled"));
}

TEST_CASE("a postcli killed with SIGKILL resumes to identical bytes", "[postcli]") {
  test::TempDir dir;
  // One file of 2048 labels at N = 8192: two batches of about a second each on one thread.
  const auto& v = test::Tiny().vectors;
  auto flags = [&](const std::filesystem::path& d) {
    return "-provider 4294967295 -numUnits 2 -labelsPerUnit 1024 -maxFileSize 32768 -scryptN 8192"
           " -threads 1 -yes -id " +
           v["node_id"].get<std::string>() + " -commitmentAtxId " + v["commitment_atx_id"].get<std::string>() +
           " -datadir " + d.string();
  };
  const std::string args = flags(dir.path());
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string cmd = kPostcli + " " + args + " 2>/dev/null";
    execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), nullptr);
    _exit(127);
  }
  const auto file0 = dir.path() / "postdata_0.bin";
  for (int i = 0; i < 600; ++i) {  // wait until some labels are on disk
    std::error_code ec;
    if (std::filesystem::file_size(file0, ec) > 0 && !ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  Run resumed = Postcli(args);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  test::TempDir fresh;
  REQUIRE(Postcli(flags(fresh.path())).exit_code == 0);
  CHECK(test::Sha256Hex(file0) == test::Sha256Hex(fresh.path() / "postdata_0.bin"));
  CHECK(*LoadMetadata(dir.path()) == *LoadMetadata(fresh.path()));
}

}  // namespace
}  // namespace post

namespace post {
namespace {

TEST_CASE("postcli -genproof and -verify on an initialized directory need no init flags", "[postcli]") {
  test::TempDir dir;
  REQUIRE(Postcli(TinyFlags(dir.path())).exit_code == 0);
  const std::string where = " -scryptN 16 -datadir " + dir.path().string();
  Run proof = Postcli("-genproof -randomxMode light -k1 64 -k2 8 -powDifficulty " + std::string(64, 'f') + where);
  INFO(proof.err);
  REQUIRE(proof.exit_code == 0);
  CHECK(nlohmann::json::parse(proof.out)["metadata"]["num_units"] == 2);
  CHECK(Postcli("-verify -fraction 50" + where).exit_code == 0);
  // A flag that contradicts the metadata is refused, naming the flag and both values.
  Run conflict = Postcli("-verify -numUnits 3" + where);
  CHECK(conflict.exit_code != 0);
  CHECK_THAT(conflict.err, Catch::Contains("-numUnits 3 conflicts with") && Catch::Contains("(2)"));
  Run other_id = Postcli("-genproof -id " + std::string(64, 'a') + where);
  CHECK_THAT(other_id.err, Catch::Contains("-id " + std::string(64, 'a') + " conflicts"));
  // Incomplete data: proving it would fail later, so say what is missing at once.
  std::filesystem::remove(dir.path() / "postdata_1.bin");
  Run incomplete = Postcli("-genproof" + where);
  CHECK_THAT(incomplete.err, Catch::Contains("postdata_1.bin") && Catch::Contains("give -provider"));
}

TEST_CASE("postcli -logLevel filters its messages", "[postcli]") {
  test::TempDir quiet, chatty;
  Run q = Postcli(TinyFlags(quiet.path()) + " -logLevel error");
  REQUIRE(q.exit_code == 0);
  CHECK(q.err.empty());
  Run c = Postcli(TinyFlags(chatty.path()) + " -logLevel=info");
  REQUIRE(c.exit_code == 0);
  CHECK_THAT(c.err, Catch::Contains("initialized"));
  Run bad = Postcli("-logLevel loud -printNumFiles -numUnits 1");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("-logLevel must be debug, info, warn or error, not 'loud'"));
}

}  // namespace
}  // namespace post
