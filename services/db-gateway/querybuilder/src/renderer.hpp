#pragma once
// Writes one statement as SQL text, left to right, so parameters are numbered in text order.
// Member functions are split by statement part: render_expr.cpp, render_select.cpp, render_dml.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "dialect.hpp"
#include "gantry/db/querybuilder/build.hpp"

namespace gantry::db::querybuilder {

namespace v1 = gantry::db::v1;

class Renderer final {
public:
    explicit Renderer(const Dialect& dialect) : dialect_(dialect) { sql_.reserve(256); }

    Status Statement(const v1::SqlStatement& statement);
    BuiltQuery Take() && { return {std::move(sql_), std::move(parameters_)}; }

    // Expressions (render_expr.cpp).
    Status Expr(const v1::SqlExpr& expr);
    /// An expression as the operand of an operator: parenthesized unless it is atomic.
    Status Operand(const v1::SqlExpr& expr);
    Status ExprList(const google::protobuf::RepeatedPtrField<v1::SqlExpr>& exprs);
    Status OrderBy(const google::protobuf::RepeatedPtrField<v1::SqlOrderItem>& items);

    // Queries (render_select.cpp).
    Status Select(const v1::SqlSelect& select);
    Status With(const v1::SqlWith& with);
    Status SelectItems(const google::protobuf::RepeatedPtrField<v1::SqlSelectItem>& items);

    // Data changes (render_dml.cpp).
    Status Insert(const v1::SqlInsert& insert);
    Status Update(const v1::SqlUpdate& update);
    Status Delete(const v1::SqlDelete& remove);

private:
    void Write(std::string_view text) { sql_ += text; }
    Status Identifier(std::string_view name);
    Status TableName(const v1::SqlTableName& table);
    void Parameter(const gantry::common::v1::Value& value);
    Status Int64Parameter(int64_t value, std::string_view what);

    Status Column(const v1::SqlColumn& column);
    Status Binary(const v1::SqlBinary& binary);
    Status Function(const v1::SqlFunction& function);
    Status Window(const v1::SqlWindow& window);
    Status FrameBound(const v1::SqlFrameBound& bound);
    Status Subquery(const v1::SqlSelect& select);

    Status SelectCore(const v1::SqlSelect& select, bool top_allowed);
    Status TableRef(const v1::SqlTableRef& ref);
    Status RowLimit(const v1::SqlSelect& select);

    Status ColumnList(const google::protobuf::RepeatedPtrField<std::string>& columns);
    Status Assignments(const google::protobuf::RepeatedPtrField<v1::SqlAssignment>& assignments);
    Status InsertSource(const v1::SqlInsert& insert);
    Status Upsert(const v1::SqlInsert& insert);
    Status Merge(const v1::SqlInsert& insert);
    Status Returning(const google::protobuf::RepeatedPtrField<v1::SqlSelectItem>& items, std::string_view prefix);

    const Dialect& dialect_;
    std::string sql_;
    std::vector<gantry::common::v1::Value> parameters_;

    // Context while rendering parts of a statement.
    std::string_view output_prefix_;  // MSSQL OUTPUT: "INSERTED" / "DELETED" for unqualified columns
    std::string upsert_table_;        // inside upsert updates: the target table (qualifies bare columns)
    bool in_upsert_updates_ = false;
    bool insert_source_items_ = false;  // the next select items are an INSERT's source: parameters stay bare
};

/// Sets a context member for the lifetime of a scope.
template <typename T>
class ScopedValue {
public:
    ScopedValue(T& slot, T value) : slot_(slot), saved_(std::move(slot)) { slot_ = std::move(value); }
    ~ScopedValue() { slot_ = std::move(saved_); }
    ScopedValue(const ScopedValue&) = delete;
    ScopedValue& operator=(const ScopedValue&) = delete;

private:
    T& slot_;
    T saved_;
};

}  // namespace gantry::db::querybuilder
