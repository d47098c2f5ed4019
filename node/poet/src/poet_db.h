// The PoET server's RocksDB database under <dir>/db, every write synced. Records:
//   "key"                       the server's ed25519 private key (64 bytes)
//   "pow"                       the current PoW challenge (32) || the previous one (0 or 32)
//   "next"                      BE64: the lowest round not closed yet
//   "exec"                      BE64 round || statement: the closed round whose work is running
//   "m/" BE64 round || pubkey   the member's challenge (keys sort by round, then pubkey)
//   "p/" BE64 round             the round's ProofResponse body, served as stored
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace node::poet {

class PoetDb {
 public:
  // Opens (creating) <dir>/db; dir is made 0700. A second server on the same dir fails here
  // (RocksDB's lock).
  static base::Result<std::unique_ptr<PoetDb>> Open(const std::filesystem::path& dir);

  // The value under `key`, nullopt when absent.
  base::Result<std::optional<std::string>> Get(std::string_view key) const;
  // Applies `batch` atomically and waits for the WAL fsync; `what` names it in errors.
  base::Status Write(rocksdb::WriteBatch& batch, const std::string& what);
  // Calls visit(key, value) for keys starting with `prefix`, from the first key >= `from`, in
  // order, until visit returns false.
  base::Status Scan(std::string_view prefix, std::string_view from,
                    const std::function<bool(std::string_view key, std::string_view value)>& visit) const;

 private:
  PoetDb(std::unique_ptr<rocksdb::DB> db, std::filesystem::path dir) : db_(std::move(db)), dir_(std::move(dir)) {}
  std::unique_ptr<rocksdb::DB> db_;
  std::filesystem::path dir_;
};

inline constexpr std::string_view kKeyRecord = "key";
inline constexpr std::string_view kPowRecord = "pow";
inline constexpr std::string_view kNextRecord = "next";
inline constexpr std::string_view kExecRecord = "exec";
inline constexpr std::string_view kMemberPrefix = "m/";

std::string Be64(uint64_t value);
uint64_t ReadBe64(std::string_view bytes);  // the first 8 bytes
// "m/" BE64(round), the prefix of the round's members; with `pubkey`, one member's key.
std::string MemberKey(uint64_t round, std::span<const uint8_t> pubkey = {});
std::string ProofKey(uint64_t round);

}  // namespace node::poet
