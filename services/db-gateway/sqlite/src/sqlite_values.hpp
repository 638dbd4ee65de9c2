#pragma once
/// @file SQLite values to and from typed Values. SQLite stores five storage classes; a column's declared
/// type (BOOLEAN, DATE, TIMESTAMP, JSON, UUID, DECIMAL...) decides how a stored value is presented.

#include <sqlite3.h>

#include <string>
#include <utility>

#include "gantry/common/status.hpp"
#include "gantry/common/v1/value.pb.h"

namespace gantry::db::sqlite {

/// The logical type a declared column type announces ("" -> unspecified).
common::v1::ValueType DeclaredType(const char* decltype_text);
/// The logical type and name of a storage class (SQLITE_INTEGER...), for columns without a declared type.
std::pair<common::v1::ValueType, const char*> StorageClass(int sqlite_type);
/// Column `i` of the current row of `stmt`, typed by its storage class and `declared`.
common::v1::Value ReadValue(sqlite3_stmt* stmt, int i, common::v1::ValueType declared);
/// Binds `value` as parameter `index` (1-based).
int BindValue(sqlite3_stmt* stmt, int index, const common::v1::Value& value);
/// An SQLite result code with the connection's message as a Status (constraint -> ALREADY_EXISTS etc.).
Status SqliteError(sqlite3* db, int rc, const std::string& context);

}  // namespace gantry::db::sqlite
