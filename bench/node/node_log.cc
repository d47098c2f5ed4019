#include "node_log.h"

#include <string_view>

namespace bench {
namespace {

constexpr size_t kSamples = 8;

size_t CountOf(const std::map<uint32_t, std::set<std::string>>& by_epoch, uint32_t epoch) {
  const auto it = by_epoch.find(epoch);
  return it == by_epoch.end() ? 0 : it->second.size();
}

}  // namespace

void NodeLog::Update() {
  if (!in_.is_open()) {
    in_.open(path_);
    if (!in_.is_open()) return;
  }
  in_.clear();  // past the end last time; the file has grown since
  std::string chunk;
  char buffer[1 << 16];
  while (in_.read(buffer, sizeof buffer) || in_.gcount() > 0) chunk.append(buffer, in_.gcount());
  partial_ += chunk;
  size_t start = 0;
  for (size_t end; (end = partial_.find('\n', start)) != std::string::npos; start = end + 1) {
    Parse(partial_.substr(start, end - start));
  }
  partial_.erase(0, start);
}

std::map<uint32_t, size_t> NodeLog::missed() const {
  std::map<uint32_t, size_t> out;
  for (const auto& [epoch, ids] : missed_) out[epoch] = ids.size();
  return out;
}

size_t NodeLog::atxs(uint32_t epoch) const { return CountOf(atxs_, epoch); }
size_t NodeLog::registrations(uint32_t epoch) const { return CountOf(registrations_, epoch); }

// "[2026-12-01 10:00:00.123] [info] [1a2b3c4d (post0001.key)] initial post verified ...": the
// level is the second bracket, the identity the third.
void NodeLog::Parse(const std::string& line) {
  const bool warning = line.find("] [warning] ") != std::string::npos;
  const bool error = line.find("] [error] ") != std::string::npos;
  warnings_ += warning;
  errors_ += error;
  if ((warning || error) && samples_.size() < kSamples) samples_.push_back(line);

  const size_t level = line.find("] [");
  const size_t who = level == std::string::npos ? level : line.find("] [", level + 3);
  if (who == std::string::npos) return;
  const size_t who_end = line.find("] ", who + 3);
  if (who_end == std::string::npos) return;
  const std::string identity = line.substr(who + 3, who_end - who - 3);
  const std::string message = line.substr(who_end + 2);
  constexpr std::string_view kRegistered = " for publish epoch ";
  if (message.starts_with("initial post verified and stored")) {
    initial_posts_.insert(identity);
  } else if (const size_t at = message.find(kRegistered);
             message.starts_with("registered at ") && at != std::string::npos) {
    registrations_[static_cast<uint32_t>(std::stoul(message.substr(at + kRegistered.size())))].insert(identity);
  } else if (const size_t at = message.find(" published for epoch ");
             message.starts_with("ATX ") && at != std::string::npos) {
    atxs_[static_cast<uint32_t>(std::stoul(message.substr(at + 21)))].insert(identity);
  } else if (const size_t epoch = message.find("epoch ");
             message.ends_with("; next attempt in one layer") && epoch != std::string::npos) {
    missed_[static_cast<uint32_t>(std::stoul(message.substr(epoch + 6)))].insert(identity);
  }
}

}  // namespace bench
