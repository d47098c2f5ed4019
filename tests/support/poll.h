// Waiting for a condition in tests and benchmarks. Timing never decides a result: the timeout
// only bounds a hung run.
#pragma once

#include <chrono>
#include <functional>

namespace sm::test {

using namespace std::chrono_literals;

// Generous, so that a slow or busy machine never fails a correct run.
inline constexpr std::chrono::milliseconds kTimeout = 120s;

// Calls `done` until it returns true or `timeout` passes; the last call's answer.
bool PollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = kTimeout);

}  // namespace sm::test
