#include "post_service/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

namespace post_service {
namespace {

spdlog::level::level_enum LevelFromEnv() {
  const char* env = std::getenv("RUST_LOG");
  const std::string value = env ? env : "";
  if (value == "trace") return spdlog::level::trace;
  if (value == "debug") return spdlog::level::debug;
  if (value == "warn") return spdlog::level::warn;
  if (value == "error") return spdlog::level::err;
  if (value == "off") return spdlog::level::off;
  return spdlog::level::info;
}

}  // namespace

void SetupLogging() {
  auto logger = spdlog::stderr_color_mt("post-service");
  logger->set_level(LevelFromEnv());
  logger->flush_on(spdlog::level::trace);  // lines reach a pipe at once
  logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] %v");
  spdlog::set_default_logger(logger);
}

void SetLogIdentity(const base::Hash32& node_id) {
  const std::string prefix = base::ToHex(node_id).substr(0, 8);
  spdlog::default_logger()->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] [" + prefix + "] %v");
}

}  // namespace post_service
