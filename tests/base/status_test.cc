#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <functional>

#include "base/status.h"

namespace base {
namespace {

// Runs `body` in a child process; true if the child died of SIGABRT.
bool Aborts(const std::function<void()>& body) {
  const pid_t pid = fork();
  if (pid == 0) {
    body();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

TEST_CASE("Status carries its code, message and context", "[base][status]") {
  CHECK(Status::Ok().ok());
  CHECK(Status::Ok().ToString() == "OK");
  const Status s = Status::NotFound("x.key").WithContext("identity alice");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.message() == "identity alice: x.key");
  CHECK(s.ToString() == "not found: identity alice: x.key");
  CHECK(Status::Ok().WithContext("ignored").ok());
  CHECK(Status::DeadlineExceeded("epoch 3").ToString() == "deadline exceeded: epoch 3");
}

TEST_CASE("Result holds a value or the status that explains its absence", "[base][status]") {
  Result<int> good = 7;
  REQUIRE(good.ok());
  CHECK(*good == 7);
  CHECK(good.value() == 7);
  Result<std::string> bad = Status::IoError("disk");
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kIoError);
}

TEST_CASE("Result fails loudly when its contract is broken", "[base][status]") {
  CHECK(Aborts([] {
    Result<int> bad = Status::Corruption("record");
    (void)bad.value();
  }));
  CHECK(Aborts([] {
    Result<int> bad = Status::Corruption("record");
    (void)*bad;
  }));
  CHECK(Aborts([] {
    Result<int> nothing = Status::Ok();
    (void)nothing;
  }));
  CHECK_FALSE(Aborts([] {
    Result<int> fine = 3;
    (void)fine.value();
  }));
}

}  // namespace
}  // namespace base
