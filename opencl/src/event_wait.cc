#include "event_wait.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "cl_error.h"

namespace sm::opencl {
namespace {

// Shared between the waiter and the driver's callback thread; the callback may run after the
// waiter returned on an error path, so each side holds a reference.
struct Completion {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  cl_int status = CL_COMPLETE;
};

void CL_CALLBACK OnComplete(cl_event, cl_int status, void* user_data) {
  auto* ref = static_cast<std::shared_ptr<Completion>*>(user_data);
  {
    std::lock_guard lock((*ref)->mu);
    (*ref)->done = true;
    (*ref)->status = status;
  }
  (*ref)->cv.notify_one();
  delete ref;
}

base::Status EventStatus(cl_event event) {
  cl_int status = CL_COMPLETE;
  const cl_int err = clGetEventInfo(event, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof(status), &status, nullptr);
  if (err != CL_SUCCESS) return base::Status::DeviceError(ClCallError("clGetEventInfo", err));
  if (status < 0) return base::Status::DeviceError(ClCallError("batch command", status));
  return base::Status::Ok();
}

}  // namespace

base::Status WaitForEvent(cl_event event, WaitMode mode, std::chrono::nanoseconds predicted_remaining) {
  if (mode == WaitMode::kSleepThenBlock) {
    if (predicted_remaining.count() > 0) std::this_thread::sleep_for(predicted_remaining);
    const cl_int err = clWaitForEvents(1, &event);
    if (err != CL_SUCCESS && err != CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST) {
      return base::Status::DeviceError(ClCallError("clWaitForEvents", err));
    }
    return EventStatus(event);
  }
  auto completion = std::make_shared<Completion>();
  auto* ref = new std::shared_ptr<Completion>(completion);
  const cl_int err = clSetEventCallback(event, CL_COMPLETE, OnComplete, ref);
  if (err != CL_SUCCESS) {
    delete ref;
    return base::Status::DeviceError(ClCallError("clSetEventCallback", err));
  }
  std::unique_lock lock(completion->mu);
  completion->cv.wait(lock, [&] { return completion->done; });
  if (completion->status < 0) return base::Status::DeviceError(ClCallError("batch command", completion->status));
  return base::Status::Ok();
}

}  // namespace sm::opencl
