#pragma once
/// @file Parameters before they reach a database: named `:name` placeholders rewritten to the backend's
/// positional syntax, and every value checked (set, well-formed decimal/uuid/json/date) so bad input is
/// refused with INVALID_ARGUMENT instead of travelling to the server.

#include <map>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/db/connection.hpp"

namespace gantry::db {

struct BoundSql {
    std::string sql;
    std::vector<Value> params;
};

/// Checks one value; `where` names it in the message ("parameter 2", "parameter :id").
Status ValidateValue(const Value& value, const std::string& where);

/// Positional parameters pass through (their count is checked against the prepared statement). Named
/// ones are rewritten: `:name` outside strings, quoted identifiers, comments and `::` casts becomes `$n`
/// (PostgreSQL) or `?` (MariaDB, SQLite). Every name must have a value and every value a placeholder.
StatusOr<BoundSql> BindParameters(Dialect dialect, const std::string& sql, const std::vector<Value>& positional,
                                  const std::map<std::string, Value>& named);

/// True when the statement's text holds a construct that can put NULL into a result column read straight
/// from a NOT NULL table column: an outer join (LEFT, RIGHT, FULL), a set operation (UNION, INTERSECT,
/// EXCEPT) or grouping sets (ROLLUP, CUBE, GROUPING SETS). Backends that learn a result column's
/// nullability from its origin table column trust it only when this is false. Words inside strings, quoted
/// identifiers and comments do not count; a function such as left() does (a false alarm only leaves a column
/// reported nullable).
bool MayNullOriginColumns(Dialect dialect, const std::string& sql);

}  // namespace gantry::db
