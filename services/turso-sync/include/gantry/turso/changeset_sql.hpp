#pragma once
/// @file Turns a SQLite session changeset into the SQL statements that replay it on a remote:
///   insert -> INSERT ... ON CONFLICT(pk) DO UPDATE (last push wins per primary key, as Turso's own client),
///   update -> UPDATE ... SET changed columns WHERE pk, delete -> DELETE ... WHERE pk.

#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/turso/hrana_types.hpp"

struct sqlite3;

namespace gantry::turso {

/// `schema_db` supplies column names (PRAGMA table_info) for the tables the changeset names.
StatusOr<std::vector<Stmt>> ChangesetToStatements(sqlite3* schema_db, const std::string& changeset);

/// Quotes an identifier for SQL ("a""b").
std::string QuoteIdentifier(const std::string& name);

}  // namespace gantry::turso
