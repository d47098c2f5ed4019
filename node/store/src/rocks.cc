#include "node/store/rocks.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

namespace node::store {

rocksdb::Options SmallDatabaseOptions(size_t cache_bytes) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.paranoid_checks = true;
  options.max_open_files = 64;
  options.write_buffer_size = 4 << 20;
  options.max_write_buffer_number = 2;
  options.keep_log_file_num = 4;
  options.max_log_file_size = 1 << 20;
  options.max_manifest_file_size = 64 << 20;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(cache_bytes);
  table.cache_index_and_filter_blocks = true;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

base::Status FromRocks(const rocksdb::Status& status, const std::string& context) {
  if (status.ok()) return base::Status::Ok();
  if (status.IsCorruption()) return base::Status::Corruption(context + ": " + status.ToString());
  return base::Status::IoError(context + ": " + status.ToString());
}

}  // namespace node::store
