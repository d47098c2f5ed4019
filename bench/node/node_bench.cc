#include "node_bench.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "post/identity.h"

namespace bench {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() : path_(fs::temp_directory_path() / ("bench-node-" + std::to_string(std::random_device{}()))) {
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::vector<base::Hash32> MakeIdentities(const fs::path& dir, int count) {
  std::vector<base::Hash32> ids;
  for (int i = 0; i < count; ++i) {
    auto identity = post::GenerateIdentity();
    char name[32];
    std::snprintf(name, sizeof(name), "post%04d.key", i);
    if (!identity.ok() || !post::SaveIdentityKey(dir / name, *identity).ok()) {
      throw std::runtime_error("cannot write identity " + std::string(name));
    }
    ids.push_back(identity->node_id());
  }
  return ids;
}

uint16_t Port(const std::string& host_port) {
  return static_cast<uint16_t>(std::stoi(host_port.substr(host_port.rfind(':') + 1)));
}

double ProcField(int pid, const std::string& file, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field + ":")) return std::stod(line.substr(field.size() + 1));
  }
  return -1;
}

double CpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name may hold spaces, so fields are counted from its closing parenthesis: state
  // is field 3, utime 14 and stime 15.
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string skip;
  for (int field = 3; field < 14; ++field) fields >> skip;
  unsigned long long utime = 0, stime = 0;
  if (!(fields >> utime >> stime)) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace bench
