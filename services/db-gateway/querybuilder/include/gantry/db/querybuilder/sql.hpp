#pragma once
/// @file Shorthands for building SqlExpr / SqlSelect trees in C++:
///
///   using namespace gantry::db::querybuilder::sql;
///   SqlSelect q = Select({Col("u", "id"), As(Func("COUNT", {Star()}), "n")}, From("users", "u"));
///   *q.mutable_where() = And({Eq(Col("u", "age"), Val(int64_t{18})), IsNull(Col("u", "deleted_at"))});

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "gantry/db/v1/query_builder.pb.h"

namespace gantry::db::querybuilder::sql {

using gantry::db::v1::SqlExpr;
using gantry::db::v1::SqlSelect;
using gantry::db::v1::SqlSelectItem;
using gantry::db::v1::SqlTableRef;

SqlExpr Col(std::string name);
SqlExpr Col(std::string table, std::string name);
SqlExpr Star(std::string table = "");
SqlExpr Excluded(std::string column);

SqlExpr Val(int64_t value);
SqlExpr Val(double value);
SqlExpr Val(bool value);
SqlExpr Val(const char* text);
SqlExpr Val(std::string text);
SqlExpr Null();

SqlExpr Eq(SqlExpr a, SqlExpr b);
SqlExpr Ne(SqlExpr a, SqlExpr b);
SqlExpr Lt(SqlExpr a, SqlExpr b);
SqlExpr Le(SqlExpr a, SqlExpr b);
SqlExpr Gt(SqlExpr a, SqlExpr b);
SqlExpr Ge(SqlExpr a, SqlExpr b);
SqlExpr Like(SqlExpr a, SqlExpr pattern);
SqlExpr ILike(SqlExpr a, SqlExpr pattern);
SqlExpr Add(SqlExpr a, SqlExpr b);
SqlExpr Mul(SqlExpr a, SqlExpr b);

SqlExpr And(std::vector<SqlExpr> operands);
SqlExpr Or(std::vector<SqlExpr> operands);
SqlExpr Not(SqlExpr operand);
SqlExpr IsNull(SqlExpr operand);
SqlExpr IsNotNull(SqlExpr operand);
SqlExpr In(SqlExpr operand, std::vector<SqlExpr> items);
SqlExpr In(SqlExpr operand, SqlSelect subquery);
SqlExpr Exists(SqlSelect subquery);
SqlExpr Between(SqlExpr operand, SqlExpr low, SqlExpr high);
SqlExpr Func(std::string name, std::vector<SqlExpr> args = {});
SqlExpr Scalar(SqlSelect subquery);

SqlSelectItem As(SqlExpr expr, std::string alias);
SqlSelectItem Item(SqlExpr expr);
SqlTableRef From(std::string table, std::string alias = "");
SqlTableRef FromSubquery(SqlSelect subquery, std::string alias);

/// SELECT items FROM from.
SqlSelect Select(std::vector<SqlSelectItem> items, SqlTableRef from);
/// SELECT items (no FROM).
SqlSelect Select(std::vector<SqlSelectItem> items);

}  // namespace gantry::db::querybuilder::sql
