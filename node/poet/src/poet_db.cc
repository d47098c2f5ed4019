#include "poet_db.h"

#include "node/store/rocks.h"

namespace node::poet {
namespace {

using store::FromRocks;

// Small: a round's members (64 bytes each) and a few proofs of about 10 KB.
rocksdb::Options DatabaseOptions() { return store::SmallDatabaseOptions(4 << 20); }

}  // namespace

base::Result<std::unique_ptr<PoetDb>> PoetDb::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec)
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  if (ec) return base::Status::IoError("poet directory " + dir.string() + ": " + ec.message());
  const std::filesystem::path path = dir / "db";
  rocksdb::DB* db = nullptr;
  const rocksdb::Status s = rocksdb::DB::Open(DatabaseOptions(), path.string(), &db);
  if (!s.ok()) return FromRocks(s, "cannot open the poet database " + path.string());
  return std::unique_ptr<PoetDb>(new PoetDb(std::unique_ptr<rocksdb::DB>(db), path));
}

base::Result<std::optional<std::string>> PoetDb::Get(std::string_view key) const {
  std::string value;
  const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "poet database " + dir_.string() + ": reading");
  return std::optional<std::string>(std::move(value));
}

base::Status PoetDb::Write(rocksdb::WriteBatch& batch, const std::string& what) {
  rocksdb::WriteOptions options;
  options.sync = true;
  return FromRocks(db_->Write(options, &batch), "poet database " + dir_.string() + ": writing " + what);
}

base::Status PoetDb::Scan(std::string_view prefix, std::string_view from,
                          const std::function<bool(std::string_view key, std::string_view value)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(rocksdb::Slice(from.data(), from.size()));
       it->Valid() && it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size())); it->Next()) {
    if (!visit(it->key().ToStringView(), it->value().ToStringView())) break;
  }
  return FromRocks(it->status(), "poet database " + dir_.string() + ": scanning");
}

std::string Be64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(value >> (56 - 8 * i));
  return out;
}

uint64_t ReadBe64(std::string_view bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = value << 8 | static_cast<uint8_t>(bytes[i]);
  return value;
}

std::string MemberKey(uint64_t round, std::span<const uint8_t> pubkey) {
  return std::string(kMemberPrefix) + Be64(round) + std::string(pubkey.begin(), pubkey.end());
}

std::string ProofKey(uint64_t round) { return "p/" + Be64(round); }

}  // namespace node::poet
