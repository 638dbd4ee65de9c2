#pragma once
/// @file MariaDB column types to typed Values, and parameters to MYSQL_BIND buffers.

#include <mysql.h>

#include <string>
#include <string_view>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/common/v1/value.pb.h"

namespace gantry::db::mariadb {

/// The logical type of a result column.
common::v1::ValueType ColumnType(const MYSQL_FIELD& field);
/// The engine's type name, e.g. "BIGINT UNSIGNED", "VARCHAR", "BLOB".
std::string ColumnTypeName(const MYSQL_FIELD& field);

/// How a result column is fetched: as a signed/unsigned integer, a double, or bytes.
enum class FetchAs { kInt, kDouble, kBytes };
FetchAs FetchKind(const MYSQL_FIELD& field);

/// Turns fetched bytes of a column into a Value (the text forms libmariadb prints for dates and decimals).
StatusOr<common::v1::Value> DecodeBytes(const MYSQL_FIELD& field, std::string_view bytes);
common::v1::Value DecodeInt(const MYSQL_FIELD& field, long long raw);

/// Parameter storage that outlives the MYSQL_BIND array pointing into it.
struct ParamBuffers {
    std::vector<MYSQL_BIND> binds;
    std::vector<std::string> texts;
    std::vector<long long> ints;
    std::vector<double> doubles;
};
void BindParams(const std::vector<common::v1::Value>& params, ParamBuffers& out);

}  // namespace gantry::db::mariadb
