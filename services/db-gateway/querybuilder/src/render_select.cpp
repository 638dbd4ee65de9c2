// SELECT: CTEs, the select core, set operations and row limiting per dialect.
#include "renderer.hpp"

namespace gantry::db::querybuilder {
namespace {

std::string_view JoinKeyword(v1::SqlJoin::Kind kind) {
    switch (kind) {
        case v1::SqlJoin::INNER: return " INNER JOIN ";
        case v1::SqlJoin::LEFT: return " LEFT JOIN ";
        case v1::SqlJoin::RIGHT: return " RIGHT JOIN ";
        case v1::SqlJoin::FULL: return " FULL JOIN ";
        case v1::SqlJoin::CROSS: return " CROSS JOIN ";
        default: return "";
    }
}

std::string_view SetOperator(v1::SqlSetOperation::Kind kind) {
    switch (kind) {
        case v1::SqlSetOperation::UNION: return " UNION ";
        case v1::SqlSetOperation::UNION_ALL: return " UNION ALL ";
        case v1::SqlSetOperation::INTERSECT: return " INTERSECT ";
        case v1::SqlSetOperation::EXCEPT: return " EXCEPT ";
        default: return "";
    }
}

}  // namespace

Status Renderer::With(const v1::SqlWith& with) {
    if (with.ctes().empty()) return InvalidArgumentError("WITH needs at least one common table expression");
    Write(with.recursive() && dialect_.recursive_keyword ? "WITH RECURSIVE " : "WITH ");
    for (int i = 0; i < with.ctes_size(); ++i) {
        const auto& cte = with.ctes(i);
        if (i > 0) Write(", ");
        GANTRY_RETURN_IF_ERROR(Identifier(cte.name()));
        if (!cte.columns().empty()) {
            Write(" ");
            GANTRY_RETURN_IF_ERROR(ColumnList(cte.columns()));
        }
        Write(" AS ");
        GANTRY_RETURN_IF_ERROR(Subquery(cte.query()));
    }
    Write(" ");
    return Status::Ok();
}

Status Renderer::Select(const v1::SqlSelect& select) {
    if (select.has_with()) GANTRY_RETURN_IF_ERROR(With(select.with()));
    const bool compound = !select.set_operations().empty();
    // MSSQL limits a plain select with TOP; OFFSET ... FETCH is used with an offset or a compound.
    const bool use_top = dialect_.top_and_offset_fetch && select.has_limit() && !select.has_offset() && !compound;
    GANTRY_RETURN_IF_ERROR(SelectCore(select, use_top));
    for (const auto& operation : select.set_operations()) {
        const std::string_view op = SetOperator(operation.kind());
        if (op.empty()) return InvalidArgumentError("a set operation has no kind");
        const auto& member = operation.select();
        if (member.has_with() || !member.order_by().empty() || member.has_limit() || member.has_offset() ||
            !member.set_operations().empty()) {
            return InvalidArgumentError(
                "a UNION/INTERSECT/EXCEPT member cannot have its own WITH, ORDER BY, LIMIT, OFFSET or set operations; "
                "put ORDER BY and LIMIT on the first select");
        }
        Write(op);
        GANTRY_RETURN_IF_ERROR(SelectCore(member, false));
    }
    if (!select.order_by().empty()) {
        Write(" ");
        GANTRY_RETURN_IF_ERROR(OrderBy(select.order_by()));
    }
    if (use_top) return Status::Ok();
    return RowLimit(select);
}

Status Renderer::SelectCore(const v1::SqlSelect& select, bool top) {
    Write(select.distinct() ? "SELECT DISTINCT " : "SELECT ");
    if (top) {
        Write("TOP (");
        GANTRY_RETURN_IF_ERROR(Int64Parameter(select.limit(), "LIMIT"));
        Write(") ");
    }
    if (select.columns().empty()) {
        Write("*");
    } else {
        GANTRY_RETURN_IF_ERROR(SelectItems(select.columns()));
    }
    if (select.has_from()) {
        Write(" FROM ");
        GANTRY_RETURN_IF_ERROR(TableRef(select.from()));
    } else if (!select.joins().empty()) {
        return InvalidArgumentError("a select with joins needs a FROM table");
    }
    for (const auto& join : select.joins()) {
        const std::string_view keyword = JoinKeyword(join.kind());
        if (keyword.empty()) return InvalidArgumentError("a join has an unknown kind");
        if (join.kind() == v1::SqlJoin::FULL && !dialect_.full_join) return dialect_.Unsupported("FULL JOIN");
        Write(keyword);
        GANTRY_RETURN_IF_ERROR(TableRef(join.table()));
        if (join.kind() == v1::SqlJoin::CROSS) {
            if (join.has_on()) return InvalidArgumentError("a CROSS JOIN takes no ON condition");
            continue;
        }
        if (!join.has_on()) return InvalidArgumentError("an INNER/LEFT/RIGHT/FULL join needs an ON condition");
        Write(" ON ");
        GANTRY_RETURN_IF_ERROR(Expr(join.on()));
    }
    if (select.has_where()) {
        Write(" WHERE ");
        GANTRY_RETURN_IF_ERROR(Expr(select.where()));
    }
    if (!select.group_by().empty()) {
        Write(" GROUP BY ");
        GANTRY_RETURN_IF_ERROR(ExprList(select.group_by()));
    }
    if (select.has_having()) {
        Write(" HAVING ");
        GANTRY_RETURN_IF_ERROR(Expr(select.having()));
    }
    return Status::Ok();
}

namespace {

// PostgreSQL gives a parameter that stands alone as a select item the type text (nothing around it says
// otherwise), so `SELECT $1 AS depth` in a recursive CTE's anchor makes `depth + $2` fail. Such a parameter is
// cast to the type its Value carries, except in an INSERT's source select, where PostgreSQL takes the target
// column's type (which a cast could make unassignable, e.g. text to an enum). "" = leave it bare (NULL takes
// its type from its surroundings).
std::string_view PostgresTypeOf(const gantry::common::v1::Value& value) {
    using V = gantry::common::v1::Value;
    switch (value.kind_case()) {
        case V::kBoolValue: return "boolean";
        case V::kInt64Value: return "bigint";
        case V::kDoubleValue: return "double precision";
        case V::kDecimalValue: return "numeric";
        case V::kTextValue: return "text";
        case V::kBytesValue: return "bytea";
        case V::kTimestampValue: return value.timestamp_value().has_time_zone() ? "timestamptz" : "timestamp";
        case V::kDateValue: return "date";
        case V::kTimeValue: return value.time_value().has_time_zone() ? "timetz" : "time";
        case V::kJsonValue: return "jsonb";
        case V::kUuidValue: return "uuid";
        default: return "";
    }
}

}  // namespace

Status Renderer::SelectItems(const google::protobuf::RepeatedPtrField<v1::SqlSelectItem>& items) {
    const bool typed = dialect_.is(v1::SQL_DIALECT_POSTGRESQL) && !insert_source_items_;
    ScopedValue<bool> nested(insert_source_items_, false);  // subqueries inside the items are typed again
    for (int i = 0; i < items.size(); ++i) {
        if (i > 0) Write(", ");
        const auto& expr = items[i].expr();
        const std::string_view cast = expr.kind_case() == v1::SqlExpr::kValue && typed
                                          ? PostgresTypeOf(expr.value())
                                          : std::string_view();
        if (!cast.empty()) {
            Write("CAST(");
            Parameter(expr.value());
            Write(" AS ");
            Write(cast);
            Write(")");
        } else {
            GANTRY_RETURN_IF_ERROR(Expr(expr));
        }
        if (!items[i].alias().empty()) {
            Write(" AS ");
            GANTRY_RETURN_IF_ERROR(Identifier(items[i].alias()));
        }
    }
    return Status::Ok();
}

Status Renderer::TableRef(const v1::SqlTableRef& ref) {
    switch (ref.source_case()) {
        case v1::SqlTableRef::kTable: GANTRY_RETURN_IF_ERROR(TableName(ref.table())); break;
        case v1::SqlTableRef::kSubquery:
            if (ref.alias().empty()) return InvalidArgumentError("a subquery in FROM or JOIN needs an alias");
            GANTRY_RETURN_IF_ERROR(Subquery(ref.subquery()));
            break;
        case v1::SqlTableRef::SOURCE_NOT_SET: return InvalidArgumentError("a FROM or JOIN item names no table");
    }
    if (!ref.alias().empty()) {
        Write(" AS ");
        GANTRY_RETURN_IF_ERROR(Identifier(ref.alias()));
    }
    return Status::Ok();
}

Status Renderer::RowLimit(const v1::SqlSelect& select) {
    if (!select.has_limit() && !select.has_offset()) return Status::Ok();
    if (dialect_.top_and_offset_fetch) {
        if (select.order_by().empty()) {
            return dialect_.Unsupported("OFFSET or a LIMIT on UNION/INTERSECT/EXCEPT without ORDER BY");
        }
        Write(" OFFSET ");
        if (select.has_offset()) {
            GANTRY_RETURN_IF_ERROR(Int64Parameter(select.offset(), "OFFSET"));
        } else {
            Write("0");
        }
        Write(" ROWS");
        if (select.has_limit()) {
            Write(" FETCH NEXT ");
            GANTRY_RETURN_IF_ERROR(Int64Parameter(select.limit(), "LIMIT"));
            Write(" ROWS ONLY");
        }
        return Status::Ok();
    }
    if (select.has_limit()) {
        Write(" LIMIT ");
        GANTRY_RETURN_IF_ERROR(Int64Parameter(select.limit(), "LIMIT"));
    } else if (dialect_.is(v1::SQL_DIALECT_MYSQL)) {
        Write(" LIMIT 18446744073709551615");  // MySQL has no OFFSET without LIMIT
    } else if (dialect_.is(v1::SQL_DIALECT_SQLITE)) {
        Write(" LIMIT -1");  // SQLite has no OFFSET without LIMIT
    }
    if (select.has_offset()) {
        Write(" OFFSET ");
        GANTRY_RETURN_IF_ERROR(Int64Parameter(select.offset(), "OFFSET"));
    }
    return Status::Ok();
}

}  // namespace gantry::db::querybuilder
