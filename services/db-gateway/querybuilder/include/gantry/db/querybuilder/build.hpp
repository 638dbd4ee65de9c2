#pragma once
/// @file The query builder: a gantry.db.v1.SqlStatement tree becomes SQL text for one dialect plus the
/// parameters its placeholders stand for. Values never enter the SQL text; identifiers are validated
/// and quoted for the dialect; a construct the dialect lacks is INVALID_ARGUMENT naming both.

#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/common/v1/value.pb.h"
#include "gantry/db/v1/query_builder.pb.h"

namespace gantry::db::querybuilder {

struct BuiltQuery {
    std::string sql;
    std::vector<gantry::common::v1::Value> parameters;  // in placeholder order
};

StatusOr<BuiltQuery> BuildQuery(gantry::db::v1::SqlDialect dialect, const gantry::db::v1::SqlStatement& statement);

/// "postgresql", "mysql", "sqlite", "mssql".
std::string_view DialectName(gantry::db::v1::SqlDialect dialect);

}  // namespace gantry::db::querybuilder
