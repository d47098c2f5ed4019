// How grpc-gateway turns gRPC codes into HTTP statuses (reference/activation.md §4.1), in both
// directions: the server answers a failed Status with the gateway's status and error body, and
// the client turns a non-200 answer back into a Status.
#pragma once

#include <string>

#include "base/status.h"

namespace node::poet {

// The gRPC codes the PoET API uses.
enum class GrpcCode : int {
  kInvalidArgument = 3,
  kNotFound = 5,
  kAlreadyExists = 6,
  kFailedPrecondition = 9,
  kInternal = 13,
  kUnavailable = 14,
};

struct HttpError {
  int http_status;
  GrpcCode code;
};

// InvalidArgument/FailedPrecondition 400, AlreadyExists 409, NotFound 404, Unavailable 503, and
// 500 for everything else (I/O and corruption are the server's problem, not the caller's).
HttpError ToHttpError(const base::Status& status);

// The client's view of a non-200 answer: the gRPC code of the error body when there is one
// (400 may be InvalidArgument or FailedPrecondition), else the HTTP status. `context` leads the
// message (the URL).
base::Status FromHttpError(int http_status, const std::string& body, const std::string& context);

// True for answers worth retrying: 429 and 5xx.
inline bool IsRetryableHttp(int http_status) { return http_status == 429 || http_status >= 500; }

}  // namespace node::poet
