// postdata_metadata.json: both reference flavours, the layout arithmetic, strict errors,
// atomic save, resume compatibility; plus the hex/base64 helpers the file relies on.
#include "post/metadata.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include "test_util.h"

namespace fs = std::filesystem;
using post::PostMetadata;

namespace {

base::Hash32 Bytes32(uint8_t first) {
  base::Hash32 h;
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(first + i);
  return h;
}

// base64 of bytes 0..31 and 32..63.
constexpr const char* kId0 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr const char* kId32 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

PostMetadata Sample() {
  PostMetadata m;
  m.node_id = Bytes32(0);
  m.commitment_atx_id = Bytes32(32);
  m.labels_per_unit = 1024;
  m.num_units = 4;
  m.max_file_size = 4096;
  return m;
}

// Parses `json` expecting failure; returns the message.
std::string ParseError(const std::string& json) {
  auto r = post::ParseMetadata(json, "/data/postdata_metadata.json");
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

std::string WithField(const std::string& key, const std::string& value) {
  auto j = nlohmann::json::parse(post::SerializeMetadata(Sample()));
  j[key] = nlohmann::json::parse(value);
  return j.dump();
}

}  // namespace

TEST_CASE("hex helpers", "[metadata][bytes]") {
  const std::vector<uint8_t> v{0x01, 0x02, 0x03};
  CHECK(base::ToHex(v) == "010203");
  CHECK(base::FromHex("010203") == v);
  CHECK(base::FromHex("0A0b") == std::vector<uint8_t>{0x0a, 0x0b});
  CHECK_FALSE(base::FromHex("abc"));
  CHECK_FALSE(base::FromHex("zz"));
  CHECK(base::Hash32FromHex(base::ToHex(Bytes32(7))) == Bytes32(7));
  CHECK_FALSE(base::Hash32FromHex("0102"));
}

TEST_CASE("base64 is standard, padded and strict", "[metadata][bytes]") {
  CHECK(base::ToBase64(Bytes32(0)) == kId0);
  const base::Hash32 id32 = Bytes32(32);
  CHECK(base::FromBase64(kId32) == std::vector<uint8_t>(id32.begin(), id32.end()));
  const std::vector<std::pair<std::string, std::string>> pairs{
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"\xfb\xff", "+/8="}};
  for (const auto& [plain, text] : pairs) {
    std::vector<uint8_t> bytes(plain.begin(), plain.end());
    CHECK(base::ToBase64(bytes) == text);
    CHECK(base::FromBase64(text) == bytes);
  }
  for (const char* bad : {"Zg", "Zg=", "Zm9", "Zh==", "Zm9=Zm9v", "Zm 9v", "Zm9v\n", "Z===", "====", "-_8="}) {
    INFO(bad);
    CHECK_FALSE(base::FromBase64(bad));
  }
}

TEST_CASE("layout arithmetic matches the reference examples", "[metadata]") {
  PostMetadata m;
  m.labels_per_unit = 1;
  m.num_units = 1;
  m.max_file_size = 16;
  CHECK(m.num_files() == 1);
  CHECK(m.labels_in_file(0) == 1);
  CHECK(m.labels_in_file(1) == 0);

  m.labels_per_unit = 100;
  m.num_units = 77;
  m.max_file_size = 1024;
  CHECK(m.num_files() == 121);
  CHECK(m.labels_per_file() == 64);
  CHECK(m.labels_in_file(120) == 7700 - 120 * 64);

  m.num_units = 10;
  m.max_file_size = 15 * 16;  // labels_per_file = 15
  CHECK(m.total_labels() == 1000);
  CHECK(m.total_bytes() == 16000);
  CHECK(m.num_files() == 67);
  CHECK(m.labels_in_file(65) == 15);
  CHECK(m.labels_in_file(66) * 16 == 160);
  CHECK(m.labels_in_file(67) == 0);
}

TEST_CASE("Rust-flavoured metadata parses and round-trips", "[metadata]") {
  const std::string rust = std::string("{\n  \"NodeId\": \"") + kId0 + "\",\n  \"CommitmentAtxId\": \"" + kId32 +
                           "\",\n  \"LabelsPerUnit\": 1024,\n  \"NumUnits\": 4,\n  \"MaxFileSize\": 4096,\n"
                           "  \"Nonce\": null,\n  \"LastPosition\": null\n}";
  auto m = post::ParseMetadata(rust, "rust.json");
  REQUIRE(m.ok());
  CHECK(*m == Sample());
  CHECK(post::SerializeMetadata(*m) == rust);  // byte-identical to serde_json's pretty output
}

TEST_CASE("Go-flavoured metadata parses and round-trips", "[metadata]") {
  const std::string go = std::string("{\n\t\"NodeId\": \"") + kId0 + "\",\n\t\"CommitmentAtxId\": \"" + kId32 +
                         "\",\n\t\"LabelsPerUnit\": 4294967296,\n\t\"NumUnits\": 4,\n\t\"MaxFileSize\": 4294967296,\n"
                         "\t\"Nonce\": 98765,\n\t\"NonceValue\": \"0000488e171389cce69344d68b66f6b4\"\n}";
  auto m = post::ParseMetadata(go, "go.json");
  REQUIRE(m.ok());
  CHECK(m->labels_per_unit == 4294967296ull);
  CHECK(m->max_file_size == 4294967296ull);
  CHECK(m->nonce == 98765u);
  REQUIRE(m->nonce_value);
  CHECK(base::ToHex(*m->nonce_value) == "0000488e171389cce69344d68b66f6b4");
  CHECK_FALSE(m->last_position);

  const std::string out = post::SerializeMetadata(*m);
  CHECK(out.find("\"Nonce\": 98765,\n  \"LastPosition\": null,\n  \"NonceValue\": \"0000488e") != std::string::npos);
  auto again = post::ParseMetadata(out, "again");
  REQUIRE(again.ok());
  CHECK(*again == *m);
}

TEST_CASE("NonceValue and LastPosition are optional, unknown keys ignored", "[metadata]") {
  post::Label value{0x01, 0x02, 0x03};
  auto m = post::ParseMetadata(WithField("NonceValue", nlohmann::json(base::ToHex(value)).dump()), "x");
  REQUIRE(m.ok());
  CHECK(m->nonce_value == value);
  CHECK(base::ToHex(*m->nonce_value).substr(0, 6) == "010203");

  m = post::ParseMetadata(WithField("LastPosition", "123456789012"), "x");
  REQUIRE(m.ok());
  CHECK(m->last_position == 123456789012ull);

  m = post::ParseMetadata(WithField("NonceValue", "\"\""), "x");  // Go's empty slice
  REQUIRE(m.ok());
  CHECK_FALSE(m->nonce_value);

  m = post::ParseMetadata(WithField("BitsPerLabel", "128"), "x");
  REQUIRE(m.ok());
  CHECK(*m == Sample());
}

TEST_CASE("invalid metadata is rejected with file and key", "[metadata]") {
  const std::string ctx = "/data/postdata_metadata.json: ";
  CHECK(ParseError(WithField("LabelsPerUnit", "\"1024\"")) ==
        ctx + "key \"LabelsPerUnit\": expected an unsigned integer, got string");
  CHECK(ParseError(WithField("NumUnits", "-1")) == ctx + "key \"NumUnits\": expected an unsigned integer, got number");
  CHECK(ParseError(WithField("MaxFileSize", "4096.5")) ==
        ctx + "key \"MaxFileSize\": expected an unsigned integer, got number");
  CHECK(ParseError(WithField("Nonce", "\"7\"")) == ctx + "key \"Nonce\": expected an unsigned integer, got string");
  CHECK(ParseError(WithField("NodeId", "\"AAEC!wQ=\"")) == ctx + "key \"NodeId\": invalid base64 \"AAEC!wQ=\"");
  CHECK(ParseError(WithField("NodeId", "42")) == ctx + "key \"NodeId\": expected a base64 string, got number");
  CHECK(ParseError(WithField("CommitmentAtxId", "\"AAECAw==\"")) ==
        ctx + "key \"CommitmentAtxId\": expected 32 bytes, got 4");
  CHECK(ParseError(WithField("NodeId", "null")) == ctx + "key \"NodeId\": missing or null");
  CHECK(ParseError(WithField("MaxFileSize", "100")) ==
        ctx + "key \"MaxFileSize\": must be a multiple of 16 and >= 16, got 100");
  CHECK(ParseError(WithField("MaxFileSize", "0")) ==
        ctx + "key \"MaxFileSize\": must be a multiple of 16 and >= 16, got 0");
  CHECK(ParseError(WithField("NumUnits", "0")) == ctx + "key \"NumUnits\": must be > 0");
  CHECK(ParseError(WithField("LabelsPerUnit", "0")) == ctx + "key \"LabelsPerUnit\": must be > 0");
  CHECK(ParseError(WithField("NumUnits", "4294967296")) ==
        ctx + "key \"NumUnits\": does not fit in 32 bits: 4294967296");
  CHECK(ParseError(WithField("LabelsPerUnit", "1152921504606846976")).find("overflows 64 bits") != std::string::npos);
  CHECK(ParseError(WithField("NonceValue", "\"010203\"")) == ctx + "key \"NonceValue\": expected 16 bytes, got 3");
  CHECK(ParseError(WithField("NonceValue", "\"xyz0\"")) == ctx + "key \"NonceValue\": invalid hex \"xyz0\"");

  auto j = nlohmann::json::parse(post::SerializeMetadata(Sample()));
  j.erase("LabelsPerUnit");
  CHECK(ParseError(j.dump()) == ctx + "key \"LabelsPerUnit\": missing or null");
  CHECK(ParseError("[1, 2]") == ctx + "expected a JSON object, got array");
  CHECK(ParseError("{\"NodeId\": ").rfind(ctx + "invalid JSON: ", 0) == 0);
}

TEST_CASE("save is atomic and load reads it back", "[metadata]") {
  post::test::TempDir dir;
  PostMetadata m = Sample();
  m.nonce = 17;
  m.nonce_value = post::Label{0xaa, 0xbb};
  REQUIRE(post::SaveMetadata(dir.path(), m).ok());
  m.num_units = 8;  // overwrite an existing file
  REQUIRE(post::SaveMetadata(dir.path(), m).ok());

  auto loaded = post::LoadMetadata(dir.path());
  REQUIRE(loaded.ok());
  CHECK(*loaded == m);

  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
  CHECK(names == std::vector<std::string>{post::kMetadataFileName});

  std::ifstream in(dir.path() / post::kMetadataFileName);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == post::SerializeMetadata(m));
}

TEST_CASE("load and save errors name the path", "[metadata]") {
  post::test::TempDir dir;
  auto missing = post::LoadMetadata(dir.path());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == base::Status::Code::kNotFound);
  CHECK(missing.status().message() ==
        "cannot read metadata " + (dir.path() / post::kMetadataFileName).string() + ": No such file or directory");

  std::ofstream(dir.path() / post::kMetadataFileName) << "{\"NodeId\": 1}";
  auto bad = post::LoadMetadata(dir.path());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        (dir.path() / post::kMetadataFileName).string() + ": key \"NodeId\": expected a base64 string, got number");

  auto st = post::SaveMetadata(dir.path() / "absent", Sample());
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().find((dir.path() / "absent").string()) != std::string::npos);
}

TEST_CASE("resume compatibility follows the Go rules", "[metadata]") {
  PostMetadata existing = Sample();
  PostMetadata wanted = existing;
  CHECK(post::CheckCompatible(existing, wanted).ok());
  wanted.num_units = 2;  // fewer units may reuse the data
  CHECK(post::CheckCompatible(existing, wanted).ok());

  wanted.num_units = 5;
  CHECK(post::CheckCompatible(existing, wanted).message() ==
        "NumUnits cannot grow on resume: existing data has 4, wanted 5");

  wanted = existing;
  wanted.node_id[0] = 0xff;
  CHECK(post::CheckCompatible(existing, wanted).message() == "NodeId mismatch: existing data has " +
                                                                 base::ToHex(existing.node_id) + ", wanted " +
                                                                 base::ToHex(wanted.node_id));

  wanted = existing;
  wanted.commitment_atx_id[31] ^= 1;
  CHECK(post::CheckCompatible(existing, wanted).message().rfind("CommitmentAtxId mismatch", 0) == 0);

  wanted = existing;
  wanted.labels_per_unit = 2048;
  CHECK(post::CheckCompatible(existing, wanted).message() ==
        "LabelsPerUnit mismatch: existing data has 1024, wanted 2048");

  wanted = existing;
  wanted.max_file_size = 8192;
  CHECK(post::CheckCompatible(existing, wanted).message() ==
        "MaxFileSize mismatch: existing data has 4096, wanted 8192");
}
