// A child process for end-to-end tests and benchmarks: stdout and stderr go to a log file; the
// destructor kills it (SIGKILL) and reaps it, so nothing that started one leaves it behind.
// Errors are exceptions (no test framework here, so benchmarks can use it too).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sm::test {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv; throws std::runtime_error if it cannot be started.
  ChildProcess(const std::vector<std::string>& argv, std::filesystem::path log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return pid_; }
  void Signal(int sig);
  // The exit code (128 + signal if killed) once it has exited; nullopt if still running.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  // Everything it wrote so far.
  std::string Output() const;
  // Waits until the output contains `needle`; false on timeout or when the process exits first.
  bool WaitForOutput(const std::string& needle, std::chrono::milliseconds timeout);

 private:
  bool Reap(bool block);

  int pid_ = -1;
  std::optional<int> exit_code_;
  std::filesystem::path log_;
};

}  // namespace sm::test
