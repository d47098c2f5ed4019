#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace postcli {

ProgressLine::ProgressLine(std::string generator) : generator_(std::move(generator)) {}

void ProgressLine::Progress(const post::InitProgress& p) {
  const auto now = Clock::now();
  if (printed_ && now - last_print_ < std::chrono::seconds(2) && p.labels_done < p.labels_total) return;
  last_print_ = now;
  printed_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? double(p.labels_computed) / seconds : 0;
  const double eta = rate > 0 ? double(p.labels_total - p.labels_done) / rate : 0;
  const bool tty = isatty(STDERR_FILENO);
  std::fprintf(stderr, "%s%s | file %llu | %.2f%% | %.0f labels/s | %.2f MiB/s | ETA %02d:%02d:%02d%s", tty ? "\r" : "",
               generator_.c_str(), static_cast<unsigned long long>(p.file),
               p.labels_total ? 100.0 * double(p.labels_done) / double(p.labels_total) : 100.0, rate,
               rate * 16 / (1 << 20), int(eta / 3600), int(eta / 60) % 60, int(eta) % 60, tty ? "" : "\n");
}

void ProgressLine::Finish() {
  if (printed_ && isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
}

}  // namespace postcli
