#include "gantry/db/querybuilder/sql.hpp"

namespace gantry::db::querybuilder::sql {
namespace {

using gantry::db::v1::SqlBinary;
using gantry::db::v1::SqlLogical;

SqlExpr MakeBinary(SqlBinary::Op op, SqlExpr a, SqlExpr b) {
    SqlExpr e;
    auto* binary = e.mutable_binary();
    binary->set_op(op);
    *binary->mutable_left() = std::move(a);
    *binary->mutable_right() = std::move(b);
    return e;
}

SqlExpr MakeLogical(SqlLogical::Op op, std::vector<SqlExpr> operands) {
    SqlExpr e;
    e.mutable_logical()->set_op(op);
    for (auto& operand : operands) *e.mutable_logical()->add_operands() = std::move(operand);
    return e;
}

}  // namespace

SqlExpr Col(std::string name) {
    return Col("", std::move(name));
}

SqlExpr Col(std::string table, std::string name) {
    SqlExpr e;
    e.mutable_column()->set_table(std::move(table));
    e.mutable_column()->set_name(std::move(name));
    return e;
}

SqlExpr Star(std::string table) {
    SqlExpr e;
    e.mutable_star()->set_table(std::move(table));
    return e;
}

SqlExpr Excluded(std::string column) {
    SqlExpr e;
    e.set_excluded(std::move(column));
    return e;
}

SqlExpr Val(int64_t value) {
    SqlExpr e;
    e.mutable_value()->set_int64_value(value);
    return e;
}

SqlExpr Val(double value) {
    SqlExpr e;
    e.mutable_value()->set_double_value(value);
    return e;
}

SqlExpr Val(bool value) {
    SqlExpr e;
    e.mutable_value()->set_bool_value(value);
    return e;
}

SqlExpr Val(const char* text) {
    return Val(std::string(text));
}

SqlExpr Val(std::string text) {
    SqlExpr e;
    e.mutable_value()->set_text_value(std::move(text));
    return e;
}

SqlExpr Null() {
    SqlExpr e;
    e.mutable_value()->set_null_value(google::protobuf::NULL_VALUE);
    return e;
}

SqlExpr Eq(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::EQ, std::move(a), std::move(b));
}
SqlExpr Ne(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::NE, std::move(a), std::move(b));
}
SqlExpr Lt(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::LT, std::move(a), std::move(b));
}
SqlExpr Le(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::LE, std::move(a), std::move(b));
}
SqlExpr Gt(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::GT, std::move(a), std::move(b));
}
SqlExpr Ge(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::GE, std::move(a), std::move(b));
}
SqlExpr Like(SqlExpr a, SqlExpr p) {
    return MakeBinary(SqlBinary::LIKE, std::move(a), std::move(p));
}
SqlExpr ILike(SqlExpr a, SqlExpr p) {
    return MakeBinary(SqlBinary::ILIKE, std::move(a), std::move(p));
}
SqlExpr Add(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::ADD, std::move(a), std::move(b));
}
SqlExpr Mul(SqlExpr a, SqlExpr b) {
    return MakeBinary(SqlBinary::MULTIPLY, std::move(a), std::move(b));
}

SqlExpr And(std::vector<SqlExpr> operands) {
    return MakeLogical(SqlLogical::AND, std::move(operands));
}
SqlExpr Or(std::vector<SqlExpr> operands) {
    return MakeLogical(SqlLogical::OR, std::move(operands));
}

SqlExpr Not(SqlExpr operand) {
    SqlExpr e;
    *e.mutable_negation()->mutable_operand() = std::move(operand);
    return e;
}

SqlExpr IsNull(SqlExpr operand) {
    SqlExpr e;
    *e.mutable_is_null()->mutable_operand() = std::move(operand);
    return e;
}

SqlExpr IsNotNull(SqlExpr operand) {
    SqlExpr e = IsNull(std::move(operand));
    e.mutable_is_null()->set_negated(true);
    return e;
}

SqlExpr In(SqlExpr operand, std::vector<SqlExpr> items) {
    SqlExpr e;
    *e.mutable_in_list()->mutable_operand() = std::move(operand);
    for (auto& item : items) *e.mutable_in_list()->add_items() = std::move(item);
    return e;
}

SqlExpr In(SqlExpr operand, SqlSelect subquery) {
    SqlExpr e;
    *e.mutable_in_subquery()->mutable_operand() = std::move(operand);
    *e.mutable_in_subquery()->mutable_subquery() = std::move(subquery);
    return e;
}

SqlExpr Exists(SqlSelect subquery) {
    SqlExpr e;
    *e.mutable_exists()->mutable_subquery() = std::move(subquery);
    return e;
}

SqlExpr Between(SqlExpr operand, SqlExpr low, SqlExpr high) {
    SqlExpr e;
    *e.mutable_between()->mutable_operand() = std::move(operand);
    *e.mutable_between()->mutable_low() = std::move(low);
    *e.mutable_between()->mutable_high() = std::move(high);
    return e;
}

SqlExpr Func(std::string name, std::vector<SqlExpr> args) {
    SqlExpr e;
    e.mutable_function()->set_name(std::move(name));
    for (auto& arg : args) *e.mutable_function()->add_args() = std::move(arg);
    return e;
}

SqlExpr Scalar(SqlSelect subquery) {
    SqlExpr e;
    *e.mutable_subquery() = std::move(subquery);
    return e;
}

SqlSelectItem As(SqlExpr expr, std::string alias) {
    SqlSelectItem item;
    *item.mutable_expr() = std::move(expr);
    item.set_alias(std::move(alias));
    return item;
}

SqlSelectItem Item(SqlExpr expr) {
    return As(std::move(expr), "");
}

SqlTableRef From(std::string table, std::string alias) {
    SqlTableRef ref;
    ref.mutable_table()->set_name(std::move(table));
    ref.set_alias(std::move(alias));
    return ref;
}

SqlTableRef FromSubquery(SqlSelect subquery, std::string alias) {
    SqlTableRef ref;
    *ref.mutable_subquery() = std::move(subquery);
    ref.set_alias(std::move(alias));
    return ref;
}

SqlSelect Select(std::vector<SqlSelectItem> items, SqlTableRef from) {
    SqlSelect select = Select(std::move(items));
    *select.mutable_from() = std::move(from);
    return select;
}

SqlSelect Select(std::vector<SqlSelectItem> items) {
    SqlSelect select;
    for (auto& item : items) *select.add_columns() = std::move(item);
    return select;
}

}  // namespace gantry::db::querybuilder::sql
