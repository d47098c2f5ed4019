#include "huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <fstream>
#include <new>
#include <set>
#include <sstream>
#include <string>
#include <utility>

namespace post::huge_pages {
namespace {

constexpr uintptr_t kHugePage = uintptr_t(2) << 20;

using Range = std::pair<uintptr_t, uintptr_t>;  // [start, end)

// Private anonymous mappings of this process, from /proc/self/maps (no file, no [name]).
std::set<Range> AnonymousMappings() {
  std::set<Range> out;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream fields(line);
    std::string range, perms, offset, device, path;
    unsigned long inode = 0;
    fields >> range >> perms >> offset >> device >> inode >> path;
    if (inode != 0 || !path.empty() || perms.size() < 4 || perms[3] != 'p') continue;
    const size_t dash = range.find('-');
    if (dash == std::string::npos) continue;
    out.emplace(std::stoull(range.substr(0, dash), nullptr, 16), std::stoull(range.substr(dash + 1), nullptr, 16));
  }
  return out;
}

}  // namespace

void Advise(void* p, size_t bytes) {
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHugePage - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

Region::Region(size_t bytes) {
  if (bytes == 0) return;
  const size_t size = (bytes + kHugePage - 1) & ~(kHugePage - 1);
  // Map one huge page more than needed and trim both ends to a 2 MiB boundary.
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  const uintptr_t tail = start + size + kHugePage - (aligned + size);
  if (tail) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  data_ = reinterpret_cast<void*>(aligned);
  size_ = size;
  ::madvise(data_, size_, MADV_HUGEPAGE);
}

Region::~Region() {
  if (data_) ::munmap(data_, size_);
}

Region::Region(Region&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

Region& Region::operator=(Region&& other) noexcept {
  if (this != &other) {
    if (data_) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void AdviseNewMappings(const std::function<void()>& allocate, size_t min_bytes) {
  const std::set<Range> before = AnonymousMappings();
  allocate();
  // The kernel may merge a new mapping into a neighbour; advising the merged whole is harmless.
  for (const Range& r : AnonymousMappings()) {
    if (r.second - r.first >= min_bytes && !before.count(r))
      Advise(reinterpret_cast<void*>(r.first), r.second - r.first);
  }
}

}  // namespace post::huge_pages
