// Status and Result<T>: the error type of sm_opencl. A failed Status names the device, the
// OpenCL call and its error code, e.g. "provider 0 (NVIDIA H100): clBuildProgram: CL_... (-11)".
#pragma once

#include <string>
#include <utility>

namespace sm::opencl {

class Status {
 public:
  enum class Code { kOk, kInvalidArgument, kNotFound, kDeviceError, kAborted };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status DeviceError(std::string msg) { return {Code::kDeviceError, std::move(msg)}; }
  static Status Aborted(std::string msg) { return {Code::kAborted, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>".
  std::string ToString() const;
  // The same status with "<context>: " put in front of the message.
  Status WithContext(const std::string& context) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)), has_value_(true) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}            // NOLINT: implicit by design

  bool ok() const { return has_value_; }
  const Status& status() const { return status_; }
  T& value() & { return value_; }
  const T& value() const& { return value_; }
  T&& value() && { return std::move(value_); }
  T* operator->() { return &value_; }
  const T* operator->() const { return &value_; }

 private:
  T value_{};
  Status status_;
  bool has_value_ = false;
};

}  // namespace sm::opencl
