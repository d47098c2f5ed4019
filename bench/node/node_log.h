// Follows spacemesh-node's log as it grows and counts the activation cycle's milestones per
// identity, from the lines the cycle logs ("[<id> (<key file>)] initial post verified and
// stored", "registered at <PoET> in round <R> for publish epoch <P>", "ATX <id> published for epoch
// <P> ...", "...; next attempt in one layer"), plus its warnings and errors. Reading the
// log costs the node nothing, unlike scraping /metrics.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace bench {

class NodeLog {
 public:
  explicit NodeLog(std::filesystem::path path) : path_(std::move(path)) {}

  // Reads the lines written since the last call.
  void Update();

  size_t initial_posts() const { return initial_posts_.size(); }
  // Identities with an ATX published for `epoch`.
  size_t atxs(uint32_t epoch) const;
  // Identities registered at a PoET for publish epoch `epoch` ("registered at ... for publish epoch <P>").
  size_t registrations(uint32_t epoch) const;
  // Identities that gave up on a publish epoch ("...for epoch <P>...; next attempt in one layer":
  // a missed PoET registration, proof or publish window), by that epoch.
  std::map<uint32_t, size_t> missed() const;
  int warnings() const { return warnings_; }
  int errors() const { return errors_; }
  // The first warning and error lines, as written (a few, for the report).
  const std::vector<std::string>& samples() const { return samples_; }

 private:
  void Parse(const std::string& line);

  std::filesystem::path path_;
  std::ifstream in_;
  std::string partial_;  // a line not yet ended by '\n'
  std::set<std::string> initial_posts_;
  std::map<uint32_t, std::set<std::string>> atxs_, registrations_, missed_;
  int warnings_ = 0, errors_ = 0;
  std::vector<std::string> samples_;
};

}  // namespace bench
