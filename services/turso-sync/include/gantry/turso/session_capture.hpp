#pragma once
/// @file Runs writes on a connection inside one transaction while the SQLite session extension records
/// them, and queues the resulting changeset (and any schema change as SQL) in the outbox in the same
/// transaction: the write and its queue entry are durable together or not at all.

#include <functional>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/turso/sqlite_connection.hpp"

namespace gantry::turso {

/// `body` runs the writes; `ddl_sql` is the text to queue when the schema changed (the statement itself); when it
/// is empty a schema change is refused (INVALID_ARGUMENT) and rolled back.
/// A failing body rolls everything back. Returns the number of queued entries.
StatusOr<int> CaptureWrite(SqliteConnection& conn, const std::string& ddl_sql, const std::function<Status()>& body);

/// Applies a queued changeset to `conn` (rebuilding a working copy); conflicting rows take the queued value.
Status ApplyChangeset(SqliteConnection& conn, const std::string& changeset);

/// The changeset that turns the tables of attached schema `from_schema` into those of `conn`'s `main`
/// (sqlite3session_diff over every table `main` has; each must exist in both with the same primary key).
StatusOr<std::string> DiffAgainst(SqliteConnection& conn, const std::string& from_schema);

}  // namespace gantry::turso
