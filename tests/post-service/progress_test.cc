#include <catch2/catch.hpp>

#include "post_service/progress.h"

namespace post_service {
namespace {

// 1600 bytes in files of 640, 640 and 320 bytes; batches of 256 give the chunks
// [0,256) [256,512) [512,640) | [640,896) [896,1152) [1152,1280) | [1280,1536) [1536,1600).
post::PostMetadata Layout() {
  post::PostMetadata m;
  m.labels_per_unit = 100;
  m.num_units = 1;
  m.max_file_size = 640;
  return m;
}

TEST_CASE("position: the end of the lowest run of finished chunks, as the reference", "[progress]") {
  ProvingProgress p(Layout(), 256);
  CHECK(p.Snapshot().position == 0);
  p.K2PowStarted(0, 16);
  CHECK(p.Snapshot().phase == Phase::kK2Pow);
  CHECK(p.Snapshot().position == 0);
  p.PassStarted(0, 16);
  CHECK(p.Snapshot().phase == Phase::kReading);
  p.ChunkScanned(256, 256);
  CHECK(p.Snapshot().position == 512);  // the first range need not start at 0
  p.ChunkScanned(0, 256);
  CHECK(p.Snapshot().position == 512);
  p.ChunkScanned(640, 256);  // a gap at [512,640)
  CHECK(p.Snapshot().position == 512);
  p.ChunkScanned(512, 128);  // the short last chunk of file 0 closes it
  CHECK(p.Snapshot().position == 896);
  p.ChunkScanned(1280, 256);
  CHECK(p.Snapshot().position == 896);
  p.ChunkScanned(896, 256);
  p.ChunkScanned(1152, 128);
  CHECK(p.Snapshot().position == 1536);
  p.ChunkScanned(1536, 64);
  const auto done = p.Snapshot();
  CHECK(done.position == 1600);
  CHECK(done.bytes_read == 1600);
  CHECK(done.nonce_start == 0);
  CHECK(done.nonce_end == 16);
  CHECK(done.passes == 1);

  p.K2PowStarted(16, 32);  // a new pass clears the chunks
  const auto next = p.Snapshot();
  CHECK(next.position == 0);
  CHECK(next.bytes_read == 0);
  CHECK(next.nonce_start == 16);
  CHECK(next.nonce_end == 32);
  CHECK(next.passes == 2);
  p.VerifyingStarted();
  CHECK(p.Snapshot().phase == Phase::kVerifying);
}

TEST_CASE("position: many chunks across words of the bitmap", "[progress]") {
  post::PostMetadata m;
  m.labels_per_unit = 1 << 16;
  m.num_units = 4;
  m.max_file_size = 1 << 20;  // 4 files of 1 MiB, 128 chunks of 8 KiB each
  ProvingProgress p(m, 8192);
  p.K2PowStarted(0, 16);
  p.PassStarted(0, 16);
  for (uint64_t chunk = 0; chunk < 4 * 128; ++chunk) {
    if (chunk != 200) p.ChunkScanned(chunk * 8192, 8192);
  }
  CHECK(p.Snapshot().position == 200 * 8192);
  p.ChunkScanned(200 * 8192, 8192);
  CHECK(p.Snapshot().position == 4ull << 20);
}

}  // namespace
}  // namespace post_service
