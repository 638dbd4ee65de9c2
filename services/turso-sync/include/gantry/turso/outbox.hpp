#pragma once
/// @file The queue of an offline database's local writes, kept in `<db>-gantry-outbox.db` and attached to
/// the working connection as schema `outbox`, so a write and its queue entry commit in one transaction.

#include <cstdint>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/turso/sqlite_connection.hpp"

namespace gantry::turso {

struct OutboxEntry {
    int64_t id = 0;
    enum class Kind { kChangeset, kSql } kind = Kind::kChangeset;
    std::string payload;  // a session changeset, or DDL text to replay as is
};

class Outbox final {
public:
    /// Attaches `path` to `conn` as `outbox` and creates its table.
    static Status Attach(SqliteConnection& conn, const std::string& path);
    /// Appends inside the caller's transaction.
    static Status Append(SqliteConnection& conn, OutboxEntry::Kind kind, const std::string& payload);
    static StatusOr<std::vector<OutboxEntry>> List(SqliteConnection& conn);
    /// Removes entries with id <= `last_id` (they reached the remote).
    static Status RemoveThrough(SqliteConnection& conn, int64_t last_id);
    static StatusOr<uint64_t> Count(SqliteConnection& conn);
};

}  // namespace gantry::turso
