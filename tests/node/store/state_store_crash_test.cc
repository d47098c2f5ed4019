// StateStore crash safety: a writer process is SIGKILLed mid-stream; on reopen every record is
// whole, every acknowledged write is there, and a PublishAtx batch is all or nothing.
//
// The writer is this test binary run again (fork + exec) on the hidden test case below, so it
// starts RocksDB fresh instead of inheriting a forked copy of this process's background threads.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "node/store/state_store.h"
#include "store_test_util.h"
#include "test_util.h"

namespace {

using namespace node;
using node::test::Id;

constexpr const char* kDirEnv = "SM_STORE_CRASH_DIR";
constexpr const char* kFdEnv = "SM_STORE_CRASH_FD";
constexpr const char* kStartEnv = "SM_STORE_CRASH_START";
constexpr uint64_t kMaxSteps = 100000;

// Step i is one write: even i stores a NIPoST for Id(i); odd i publishes an ATX (epoch i) for
// Id(i - 1), which drops that NIPoST in the same batch.
Atx StepAtx(uint64_t i) { return test::SampleAtx(i, Id(i - 1), static_cast<uint32_t>(i), i, 1); }

base::Status WriteStep(StateStore& store, uint64_t i) {
  if (i % 2 == 0) return store.PutNipost(Id(i), test::SampleNipost(i));
  return store.PublishAtx(StepAtx(i));
}

// Runs the writer on `dir` from step `start`; returns its pid and the read end of its reports.
std::pair<pid_t, int> StartWriter(const std::filesystem::path& dir, uint64_t start) {
  int reports[2];
  REQUIRE(::pipe(reports) == 0);
  const std::string env[] = {std::string(kDirEnv) + "=" + dir.string(),
                             std::string(kFdEnv) + "=" + std::to_string(reports[1]),
                             std::string(kStartEnv) + "=" + std::to_string(start)};
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const char* argv[] = {"test_node_store", "state store crash writer", nullptr};

  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(reports[0]);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);  // a failing writer's report reaches the log
    ::execve("/proc/self/exe", const_cast<char**>(argv), envp.data());
    ::_exit(127);
  }
  ::close(reports[1]);
  return {pid, reports[0]};
}

// The next count the writer reported, or nullopt at EOF.
std::optional<uint64_t> ReadReport(int fd) {
  uint64_t count = 0;
  size_t got = 0;
  while (got < sizeof(count)) {
    ssize_t n = ::read(fd, reinterpret_cast<char*>(&count) + got, sizeof(count) - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    got += static_cast<size_t>(n);
  }
  return count;
}

template <typename T>
T Must(base::Result<T> result) {
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return std::move(*result);
}

}  // namespace

TEST_CASE("state store crash writer", "[.][crash_writer]") {
  const char* dir = std::getenv(kDirEnv);
  const char* fd_text = std::getenv(kFdEnv);
  const char* start_text = std::getenv(kStartEnv);
  if (!dir || !fd_text || !start_text) return;  // run by the crash test only
  const int fd = std::atoi(fd_text);
  auto store = Must(StateStore::Open(dir));
  const uint64_t start = std::strtoull(start_text, nullptr, 10);
  for (uint64_t i = start; i < start + kMaxSteps; ++i) {
    REQUIRE(WriteStep(*store, i).ok());
    const uint64_t done = i + 1;  // steps below `done` are durable
    REQUIRE(::write(fd, &done, sizeof(done)) == sizeof(done));
  }
}

TEST_CASE("StateStore survives SIGKILL during writes", "[node][state_store][crash]") {
  post::test::TempDir tmp;
  const auto dir = tmp.path() / "state";
  std::mt19937 rng(42);
  uint64_t start = 0;
  for (int round = 0; round < 3; ++round) {
    auto [pid, reports] = StartWriter(dir, start);
    const uint64_t kill_at = start + 60 + rng() % 60;
    uint64_t acknowledged = start;
    while (acknowledged < kill_at) {
      auto report = ReadReport(reports);
      REQUIRE(report.has_value());  // the writer died early: see its failure by running it alone
      acknowledged = *report;
    }
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    while (auto report = ReadReport(reports)) acknowledged = *report;
    ::close(reports);

    auto store = Must(StateStore::Open(dir));
    INFO("round " << round << ": steps " << start << ".." << acknowledged << " acknowledged");
    uint64_t newest_atx = 0;
    for (uint64_t i = start; i < acknowledged + 8; ++i) {
      INFO("step " << i);
      if (i % 2 == 0) {
        auto nipost = Must(store->GetNipost(Id(i)));  // fails on a partial record
        const bool published = Must(store->GetAtx(StepAtx(i + 1).id)).has_value();
        if (i < acknowledged && !published) CHECK(nipost == test::SampleNipost(i));
        if (published || i > acknowledged) CHECK_FALSE(nipost.has_value());
        if (nipost) CHECK(*nipost == test::SampleNipost(i));
      } else {
        auto atx = Must(store->GetAtx(StepAtx(i).id));
        if (i < acknowledged) REQUIRE(atx.has_value());
        if (i > acknowledged) CHECK_FALSE(atx.has_value());
        if (atx) {
          CHECK(*atx == StepAtx(i));
          CHECK_FALSE(Must(store->GetNipost(Id(i - 1))).has_value());  // the batch's reset
          CHECK(Must(store->LatestAtx(Id(i - 1))) == *atx);
          newest_atx = i;
        }
      }
    }
    REQUIRE(newest_atx > 0);
    CHECK(Must(store->HighestAtx()) == StepAtx(newest_atx));
    start = (acknowledged + 8) & ~uint64_t(1);  // fresh ids, even so steps pair up
  }
}
