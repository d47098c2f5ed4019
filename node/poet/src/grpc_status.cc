#include "grpc_status.h"

#include <fmt/format.h>

#include "node/poet/rest.h"

namespace node::poet {

HttpError ToHttpError(const base::Status& status) {
  using Code = base::Status::Code;
  switch (status.code()) {
    case Code::kInvalidArgument: return {400, GrpcCode::kInvalidArgument};
    case Code::kFailedPrecondition: return {400, GrpcCode::kFailedPrecondition};
    case Code::kAlreadyExists: return {409, GrpcCode::kAlreadyExists};
    case Code::kNotFound: return {404, GrpcCode::kNotFound};
    case Code::kUnavailable: return {503, GrpcCode::kUnavailable};
    default: return {500, GrpcCode::kInternal};
  }
}

base::Status FromHttpError(int http_status, const std::string& body, const std::string& context) {
  auto error = ParseError(body);
  const bool has_body = error.ok() && !error->message.empty();
  const std::string message = has_body ? fmt::format("{}: HTTP {}: {}", context, http_status, error->message)
                                       : fmt::format("{}: HTTP {}: {}", context, http_status, body.substr(0, 200));
  const GrpcCode code = has_body ? static_cast<GrpcCode>(error->code) : GrpcCode{};
  switch (http_status) {
    case 400:
      return code == GrpcCode::kFailedPrecondition ? base::Status::FailedPrecondition(message)
                                                   : base::Status::InvalidArgument(message);
    case 401:
    case 403: return base::Status::FailedPrecondition(message);
    case 404: return base::Status::NotFound(message);
    case 409: return base::Status::AlreadyExists(message);
    default:
      return IsRetryableHttp(http_status) ? base::Status::Unavailable(message) : base::Status::InvalidArgument(message);
  }
}

}  // namespace node::poet
