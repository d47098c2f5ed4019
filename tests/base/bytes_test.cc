#include <catch2/catch.hpp>

#include "base/bytes.h"

namespace base {
namespace {

TEST_CASE("hex round-trips and rejects bad input", "[base][bytes]") {
  const std::vector<uint8_t> bytes = {0x00, 0x9f, 0xff, 0x10};
  CHECK(ToHex(bytes) == "009fff10");
  CHECK(FromHex("009FFF10") == bytes);
  CHECK_FALSE(FromHex("abc"));
  CHECK_FALSE(FromHex("zz"));
  CHECK(FromHex("")->empty());
  CHECK_FALSE(Hash32FromHex("00"));
  CHECK(Hash32FromHex(std::string(64, 'a'))->at(31) == 0xaa);
}

TEST_CASE("base64 round-trips with padding", "[base][bytes]") {
  for (size_t n = 0; n < 8; ++n) {
    std::vector<uint8_t> bytes;
    for (size_t i = 0; i < n; ++i) bytes.push_back(uint8_t(i * 37 + 1));
    CHECK(FromBase64(ToBase64(bytes)) == bytes);
  }
  CHECK(ToBase64(std::vector<uint8_t>{'a', 'b'}) == "YWI=");
  CHECK_FALSE(FromBase64("Y*I="));
}

}  // namespace
}  // namespace base
