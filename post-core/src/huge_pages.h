// Large working memory on transparent huge pages. The ROMix scratch and RandomX's cache and
// dataset are read at random; on 4 KiB pages nearly every such read also misses the TLB.
// Hosts with transparent huge pages set to "madvise" (Debian's default) only give them to
// memory that asks; with "never" these calls change nothing.
#pragma once

#include <cstddef>
#include <functional>

namespace post::huge_pages {

// Asks for huge pages on every whole 2 MiB-aligned part of [p, p + bytes). Advisory.
void Advise(void* p, size_t bytes);

// Zero-filled anonymous memory, 2 MiB aligned and advised for huge pages. Move-only.
class Region {
 public:
  Region() = default;
  explicit Region(size_t bytes);  // throws std::bad_alloc when the mapping fails
  ~Region();
  Region(Region&& other) noexcept;
  Region& operator=(Region&& other) noexcept;

  void* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Runs `allocate` and advises huge pages for each new anonymous mapping of at least min_bytes
// it leaves behind, before anything touches it. For memory that a library allocates and does
// not expose (librandomx's cache).
void AdviseNewMappings(const std::function<void()>& allocate, size_t min_bytes);

}  // namespace post::huge_pages
