#pragma once
/// @file Identifier quoting for generated SQL (BulkInsert, catalog queries): user-supplied table and
/// column names are always quoted, never spliced in raw.

#include <string>
#include <vector>

#include "gantry/db/connection.hpp"

namespace gantry::db {

/// "a" -> "a" quoted for the dialect ("a" or `a`), with embedded quotes doubled.
std::string QuoteIdentifier(Dialect dialect, const std::string& name);
/// "schema.table" -> each part quoted and joined with '.'.
std::string QuoteQualifiedName(Dialect dialect, const std::string& name);
/// "schema.table" -> {"schema", "table"}; "table" -> {"", "table"}.
std::pair<std::string, std::string> SplitQualifiedName(const std::string& name);

}  // namespace gantry::db
