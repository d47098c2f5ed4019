// What the node benchmarks share: a scratch directory, identity key files for the node, the
// node's api.json, and a process's memory and CPU time as /proc reports them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/bytes.h"

namespace bench {

// A fresh directory under the temp dir, removed with its contents at the end.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The node and this process need a descriptor per stream.
void RaiseOpenFileLimit();

// Writes `count` identity key files post0000.key, post0001.key, ... into `dir`; their node ids.
std::vector<base::Hash32> MakeIdentities(const std::filesystem::path& dir, int count);

// The port of "host:port".
uint16_t Port(const std::string& host_port);

// The number after "<field>:" in /proc/<pid>/<file> ("status": "Threads", "VmRSS", ...); -1 when
// unreadable.
double ProcField(int pid, const std::string& file, const std::string& field);
// A memory field in kB of /proc/<pid>/status ("VmRSS", "VmHWM") or smaps_rollup
// ("AnonHugePages"), as MiB; negative when unreadable.
inline double MemoryMib(int pid, const std::string& field, const std::string& file = "status") {
  return ProcField(pid, file, field) / 1024.0;
}

// utime + stime of a process from /proc/<pid>/stat, in seconds; -1 when unreadable.
double CpuSeconds(int pid);

}  // namespace bench
