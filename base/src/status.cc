#include "base/status.h"

#include <cstdio>
#include <cstdlib>

namespace base {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kIoError: name = "I/O error"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kInvalidProof: name = "invalid proof"; break;
    case Code::kAborted: name = "aborted"; break;
    case Code::kDeviceError: name = "device error"; break;
    case Code::kFailedPrecondition: name = "failed precondition"; break;
    case Code::kAlreadyExists: name = "already exists"; break;
    case Code::kDeadlineExceeded: name = "deadline exceeded"; break;
    case Code::kUnavailable: name = "unavailable"; break;
  }
  return std::string(name) + ": " + message_;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

void FailContract(const char* what, const Status& status) {
  std::fprintf(stderr, "fatal: %s (%s)\n", what, status.ToString().c_str());
  std::abort();
}

}  // namespace base
