#include "gantry/db/querybuilder/build.hpp"

#include "renderer.hpp"

namespace gantry::db::querybuilder {

StatusOr<BuiltQuery> BuildQuery(v1::SqlDialect dialect_id, const v1::SqlStatement& statement) {
    GANTRY_ASSIGN_OR_RETURN(const Dialect* dialect, FindDialect(dialect_id));
    Renderer renderer(*dialect);
    GANTRY_RETURN_IF_ERROR(renderer.Statement(statement));
    return std::move(renderer).Take();
}

Status Renderer::Statement(const v1::SqlStatement& statement) {
    switch (statement.kind_case()) {
        case v1::SqlStatement::kSelect: return Select(statement.select());
        case v1::SqlStatement::kInsert: return Insert(statement.insert());
        case v1::SqlStatement::kUpdate: return Update(statement.update());
        case v1::SqlStatement::kDelete: return Delete(statement.delete_());
        case v1::SqlStatement::KIND_NOT_SET: break;
    }
    return InvalidArgumentError("the statement is empty: set one of select, insert, update or delete");
}

Status Renderer::Identifier(std::string_view name) {
    return dialect_.AppendQuoted(name, sql_);
}

Status Renderer::TableName(const v1::SqlTableName& table) {
    if (table.name().empty()) return InvalidArgumentError("a table reference has no name");
    if (!table.schema().empty()) {
        GANTRY_RETURN_IF_ERROR(Identifier(table.schema()));
        Write(".");
    }
    return Identifier(table.name());
}

void Renderer::Parameter(const gantry::common::v1::Value& value) {
    parameters_.push_back(value);
    Write(dialect_.Placeholder(parameters_.size()));
}

Status Renderer::Int64Parameter(int64_t value, std::string_view what) {
    if (value < 0)
        return InvalidArgumentError(std::string(what) + " must not be negative, got " + std::to_string(value));
    gantry::common::v1::Value parameter;
    parameter.set_int64_value(value);
    Parameter(parameter);
    return Status::Ok();
}

}  // namespace gantry::db::querybuilder
