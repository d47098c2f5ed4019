// post-service: one process per PoS data directory, proving for the node on request.
#include "post_service/app.h"
#include "post_service/config.h"
#include "post_service/logging.h"

int main(int argc, char** argv) {
  const auto flags = post_service::ParseFlags(argc, argv);
  if (!flags.config) return flags.exit_code;
  post_service::SetupLogging();
  return post_service::RunService(*flags.config);
}
