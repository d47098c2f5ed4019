#include "node/store/state_store.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <limits>
#include <mutex>

#include "keys.h"
#include "node/store/rocks.h"
#include "records.h"

namespace node {
namespace {

using store::Key;

using store::FromRocks;

// Small on purpose: thousands of identities, but a few hundred bytes of state each.
rocksdb::Options DatabaseOptions() { return store::SmallDatabaseOptions(8 << 20); }

}  // namespace

class StateStore::Impl {
 public:
  Impl(rocksdb::DB* db, std::filesystem::path dir) : db_(db), dir_(std::move(dir)) {}
  ~Impl() { db_->Close(); }

  // Every write waits for the WAL fsync: a record is durable once the call returns.
  base::Status Write(rocksdb::WriteBatch& batch, const std::string& what) {
    rocksdb::WriteOptions options;
    options.sync = true;
    return FromRocks(db_->Write(options, &batch), Context() + ": writing " + what);
  }

  base::Status Put(const Key& key, const std::string& value) {
    rocksdb::WriteBatch batch;
    batch.Put(key.bytes, value);
    return Write(batch, key.name);
  }

  base::Result<std::optional<std::string>> Get(const Key& key) const {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), key.bytes, &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, Context() + ": reading " + key.name);
    return std::optional<std::string>(std::move(value));
  }

  // The record at `key` decoded, nullopt when absent, kCorruption naming the key when bad.
  template <typename T>
  base::Result<std::optional<T>> GetRecord(const Key& key, base::Result<T> (*decode)(std::string_view)) const {
    auto value = Get(key);
    if (!value.ok()) return value.status();
    if (!*value) return std::optional<T>();
    auto record = decode(**value);
    if (!record.ok()) return Corrupt(key.name, record.status());
    return std::optional<T>(std::move(*record));
  }

  // Calls fn(key, value) for the keys from `from` on that start with `prefix`, in order.
  template <typename Fn>
  base::Status Scan(const Key& prefix, const std::string& from, Fn fn) const {
    const std::string end = store::PrefixEnd(prefix.bytes);
    const rocksdb::Slice upper(end);
    rocksdb::ReadOptions options;
    options.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options));
    for (it->Seek(from); it->Valid(); it->Next()) {
      if (base::Status st = fn(it->key().ToStringView(), it->value().ToStringView()); !st.ok()) return st;
    }
    return FromRocks(it->status(), Context() + ": scanning " + prefix.name);
  }

  // The last key <= `target` that starts with `prefix`, and its value.
  base::Result<std::optional<std::pair<std::string, std::string>>> Last(const Key& prefix,
                                                                        const std::string& target) const {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
    it->SeekForPrev(target);
    if (!it->Valid() || !it->key().starts_with(prefix.bytes)) {
      if (base::Status st = FromRocks(it->status(), Context() + ": scanning " + prefix.name); !st.ok()) return st;
      return std::optional<std::pair<std::string, std::string>>();
    }
    return std::optional(std::pair(it->key().ToString(), it->value().ToString()));
  }

  // Adds the deletes of one identity's challenge, PoET registrations and NIPoST to `batch`.
  // (An identity's cycle is driven by one thread, so no registration lands between scan and write.)
  base::Status AddResetCycle(rocksdb::WriteBatch& batch, const base::Hash32& node_id) const {
    batch.Delete(store::ChallengeKey(node_id).bytes);
    batch.Delete(store::NipostKey(node_id).bytes);
    const Key poets = store::PoetPrefix(node_id);
    return Scan(poets, poets.bytes, [&](std::string_view key, std::string_view) {
      batch.Delete(rocksdb::Slice(key));
      return base::Status::Ok();
    });
  }

  // kCorruption naming the database and the key, with the decoder's reason.
  base::Status Corrupt(const std::string& key_name, const base::Status& why) const {
    return base::Status::Corruption(Context() + ": record " + key_name + ": " + why.message());
  }

  std::string Context() const { return "state database " + dir_.string(); }

  std::mutex publish_mu;  // serialises PublishAtx

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::filesystem::path dir_;
};

base::Result<std::unique_ptr<StateStore>> StateStore::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::create_directories(dir, ec)) {
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  }
  if (ec) return base::Status::IoError("cannot create state database directory " + dir.string() + ": " + ec.message());
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(DatabaseOptions(), dir.string(), &db);
  if (!s.ok()) return FromRocks(s, "cannot open state database " + dir.string());
  return std::unique_ptr<StateStore>(new StateStore(std::make_unique<Impl>(db, dir)));
}

base::Result<std::unique_ptr<StateStore>> StateStore::OpenReadOnly(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / "CURRENT")) return base::Status::NotFound("no state database in " + dir.string());
  rocksdb::Options options = DatabaseOptions();
  options.create_if_missing = false;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, dir.string(), &db);
  if (!s.ok()) return FromRocks(s, "cannot open state database " + dir.string() + " for reading");
  return std::unique_ptr<StateStore>(new StateStore(std::make_unique<Impl>(db, dir)));
}

StateStore::StateStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StateStore::~StateStore() = default;

base::Status StateStore::PutInitialPost(const base::Hash32& node_id, const InitialPost& post) {
  return impl_->Put(store::PostKey(node_id), store::Encode(post));
}

base::Result<std::optional<InitialPost>> StateStore::GetInitialPost(const base::Hash32& node_id) const {
  return impl_->GetRecord(store::PostKey(node_id), store::DecodeInitialPost);
}

base::Status StateStore::DeleteInitialPost(const base::Hash32& node_id) {
  const Key key = store::PostKey(node_id);
  rocksdb::WriteBatch batch;
  batch.Delete(key.bytes);
  return impl_->Write(batch, key.name);
}

base::Status StateStore::PutChallenge(const base::Hash32& node_id, const NipostChallenge& challenge) {
  return impl_->Put(store::ChallengeKey(node_id), store::Encode(challenge));
}

base::Result<std::optional<NipostChallenge>> StateStore::GetChallenge(const base::Hash32& node_id) const {
  return impl_->GetRecord(store::ChallengeKey(node_id), store::DecodeChallenge);
}

base::Status StateStore::PutPoetRegistration(const base::Hash32& node_id, const PoetRegistration& registration) {
  return impl_->Put(store::PoetKey(node_id, registration.address), store::Encode(registration));
}

base::Result<std::vector<PoetRegistration>> StateStore::GetPoetRegistrations(const base::Hash32& node_id) const {
  const Key prefix = store::PoetPrefix(node_id);
  std::vector<PoetRegistration> registrations;
  base::Status st = impl_->Scan(prefix, prefix.bytes, [&](std::string_view key, std::string_view value) {
    std::string address = store::PoetAddress(key, prefix);
    auto registration = store::DecodePoetRegistration(value, address);
    if (!registration.ok()) return impl_->Corrupt(prefix.name + address, registration.status());
    registrations.push_back(std::move(*registration));
    return base::Status::Ok();
  });
  if (!st.ok()) return st;
  return registrations;
}

base::Status StateStore::PutNipost(const base::Hash32& node_id, const Nipost& nipost) {
  return impl_->Put(store::NipostKey(node_id), store::Encode(nipost));
}

base::Result<std::optional<Nipost>> StateStore::GetNipost(const base::Hash32& node_id) const {
  return impl_->GetRecord(store::NipostKey(node_id), store::DecodeNipost);
}

base::Status StateStore::ResetCycle(const base::Hash32& node_id) {
  rocksdb::WriteBatch batch;
  if (base::Status st = impl_->AddResetCycle(batch, node_id); !st.ok()) return st;
  return impl_->Write(batch, "the cycle of " + base::ToHex(node_id));
}

base::Status StateStore::PublishAtx(const Atx& atx) {
  std::lock_guard lock(impl_->publish_mu);  // the equivocation check and the write are one step
  const Key by_node = store::AtxByNodeKey(atx.node_id, atx.publish_epoch);
  auto existing = impl_->Get(by_node);
  if (!existing.ok()) return existing.status();
  if (*existing) {
    auto id = store::DecodeAtxId(**existing);
    if (!id.ok()) return impl_->Corrupt(by_node.name, id.status());
    if (*id != atx.id) {
      return base::Status::AlreadyExists("identity " + base::ToHex(atx.node_id) + " already has ATX " + base::ToHex(*id) +
                                         " for publish epoch " + std::to_string(atx.publish_epoch) +
                                         "; refusing to store a second one (" + base::ToHex(atx.id) + ")");
    }
  }
  rocksdb::WriteBatch batch;
  batch.Put(store::AtxKey(atx.id).bytes, store::Encode(atx));
  batch.Put(store::AtxByNodeKey(atx.node_id, atx.publish_epoch).bytes, store::EncodeAtxId(atx.id));
  batch.Put(store::AtxByEpochKey(atx.publish_epoch, atx.id).bytes,
            store::EncodeHeight(atx.base_tick_height + atx.tick_count));
  if (base::Status st = impl_->AddResetCycle(batch, atx.node_id); !st.ok()) return st;
  return impl_->Write(batch, store::AtxKey(atx.id).name);
}

base::Result<std::optional<Atx>> StateStore::GetAtx(const base::Hash32& id) const {
  return impl_->GetRecord(store::AtxKey(id), store::DecodeAtx);
}

base::Result<std::optional<Atx>> StateStore::LatestAtx(const base::Hash32& node_id) const {
  const Key newest = store::AtxByNodeKey(node_id, std::numeric_limits<uint32_t>::max());
  auto last = impl_->Last(store::AtxByNodePrefix(node_id), newest.bytes);
  if (!last.ok()) return last.status();
  if (!*last) return std::optional<Atx>();
  const std::string key_name = store::UnknownKeyName((*last)->first);
  auto id = store::DecodeAtxId((*last)->second);
  if (!id.ok()) return impl_->Corrupt(key_name, id.status());
  auto atx = GetAtx(*id);
  if (atx.ok() && !*atx) {
    return impl_->Corrupt(key_name, base::Status::Corruption("names ATX " + base::ToHex(*id) + ", which is missing"));
  }
  return atx;
}

base::Result<std::optional<Atx>> StateStore::HighestAtx() const {
  const Key index = store::AtxByEpochPrefix();
  auto last = impl_->Last(index, store::PrefixEnd(index.bytes));
  if (!last.ok()) return last.status();
  if (!*last) return std::optional<Atx>();
  const auto not_an_entry = [&](std::string_view key) {
    return impl_->Corrupt(store::UnknownKeyName(key), base::Status::Corruption("not an atx_by_epoch key"));
  };
  auto newest = store::ParseAtxByEpochKey((*last)->first);
  if (!newest) return not_an_entry((*last)->first);
  // Newest epoch and the one before; on equal height the newer epoch wins, then the smaller id.
  const uint32_t from = newest->epoch > 0 ? newest->epoch - 1 : 0;
  std::optional<store::EpochEntry> best;
  uint64_t best_height = 0;
  base::Status st =
      impl_->Scan(index, store::AtxByEpochPrefix(from).bytes, [&](std::string_view key, std::string_view value) {
        auto entry = store::ParseAtxByEpochKey(key);
        if (!entry) return not_an_entry(key);
        auto height = store::DecodeHeight(value);
        if (!height.ok())
          return impl_->Corrupt(store::AtxByEpochKey(entry->epoch, entry->atx_id).name, height.status());
        if (!best || *height > best_height || (*height == best_height && entry->epoch > best->epoch)) {
          best = entry;
          best_height = *height;
        }
        return base::Status::Ok();
      });
  if (!st.ok()) return st;
  if (!best) return std::optional<Atx>();
  auto atx = GetAtx(best->atx_id);
  if (atx.ok() && !*atx) {
    return impl_->Corrupt(store::AtxByEpochKey(best->epoch, best->atx_id).name,
                          base::Status::Corruption("names a missing ATX"));
  }
  return atx;
}

}  // namespace node

namespace node {

base::Status StateStore::ForEachAtx(const std::function<base::Status(const Atx&)>& fn) const {
  const Key prefix = store::AtxPrefix();
  return impl_->Scan(prefix, prefix.bytes, [&](std::string_view key, std::string_view value) {
    auto atx = store::DecodeAtx(value);
    if (!atx.ok()) return impl_->Corrupt(store::UnknownKeyName(key), atx.status());
    return fn(*atx);
  });
}

base::Status StateStore::PutPoetProof(const base::Hash32& ref, const std::string& message) {
  return impl_->Put(store::PoetProofKey(ref), message);
}

base::Result<std::optional<std::string>> StateStore::GetPoetProof(const base::Hash32& ref) const {
  return impl_->Get(store::PoetProofKey(ref));
}

base::Status StateStore::ForEachPoetProof(
    const std::function<base::Status(const base::Hash32&, const std::string&)>& fn) const {
  const Key prefix = store::PoetProofPrefix();
  return impl_->Scan(prefix, prefix.bytes, [&](std::string_view key, std::string_view value) {
    base::Hash32 ref{};
    if (key.size() != prefix.bytes.size() + ref.size()) {
      return impl_->Corrupt(store::UnknownKeyName(key), base::Status::Corruption("not a poet_proof key"));
    }
    std::copy_n(key.begin() + prefix.bytes.size(), ref.size(), ref.begin());
    return fn(ref, std::string(value));
  });
}

}  // namespace node
