// RocksDB as the node's small databases use it (the state store, the PoET's rounds): options
// sized for kilobytes to megabytes of records, and its statuses as base::Status.
#pragma once

#include <rocksdb/options.h>
#include <rocksdb/status.h>

#include <cstddef>
#include <string>

#include "base/status.h"

namespace node::store {

// create_if_missing, paranoid checks, few files, 4 MiB write buffers, an LRU block cache of
// `cache_bytes` with bloom filters.
rocksdb::Options SmallDatabaseOptions(size_t cache_bytes);

// OK, kCorruption or kIoError with "<context>: <RocksDB's message>".
base::Status FromRocks(const rocksdb::Status& status, const std::string& context);

}  // namespace node::store
