// Expressions, ORDER BY items and window specifications.
#include "renderer.hpp"

namespace gantry::db::querybuilder {
namespace {

std::string_view BinaryOperator(v1::SqlBinary::Op op) {
    switch (op) {
        case v1::SqlBinary::EQ: return " = ";
        case v1::SqlBinary::NE: return " <> ";
        case v1::SqlBinary::LT: return " < ";
        case v1::SqlBinary::LE: return " <= ";
        case v1::SqlBinary::GT: return " > ";
        case v1::SqlBinary::GE: return " >= ";
        case v1::SqlBinary::LIKE: return " LIKE ";
        case v1::SqlBinary::NOT_LIKE: return " NOT LIKE ";
        case v1::SqlBinary::ILIKE: return " ILIKE ";
        case v1::SqlBinary::NOT_ILIKE: return " NOT ILIKE ";
        case v1::SqlBinary::ADD: return " + ";
        case v1::SqlBinary::SUBTRACT: return " - ";
        case v1::SqlBinary::MULTIPLY: return " * ";
        case v1::SqlBinary::DIVIDE: return " / ";
        case v1::SqlBinary::MODULO: return " % ";
        default: return "";
    }
}

bool IsAtomic(const v1::SqlExpr& expr) {
    switch (expr.kind_case()) {
        case v1::SqlExpr::kColumn:
        case v1::SqlExpr::kValue:
        case v1::SqlExpr::kFunction:
        case v1::SqlExpr::kSubquery:
        case v1::SqlExpr::kStar:
        case v1::SqlExpr::kExcluded: return true;
        default: return false;
    }
}

/// [A-Za-z_][A-Za-z0-9_]* with at most one '.' between two such parts, each at most 128 characters.
bool ValidFunctionName(std::string_view name) {
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const size_t dot = name.find('.');
    const auto valid_part = [&](std::string_view part) {
        if (part.empty() || part.size() > 128 || !letter(part[0])) return false;
        for (char c : part) {
            if (!letter(c) && !digit(c)) return false;
        }
        return true;
    };
    if (dot == std::string_view::npos) return valid_part(name);
    return valid_part(name.substr(0, dot)) && valid_part(name.substr(dot + 1));
}

}  // namespace

Status Renderer::Expr(const v1::SqlExpr& expr) {
    switch (expr.kind_case()) {
        case v1::SqlExpr::kColumn: return Column(expr.column());
        case v1::SqlExpr::kValue:
            if (expr.value().kind_case() == gantry::common::v1::Value::KIND_NOT_SET) {
                return InvalidArgumentError("a value expression has no value set (use null_value for NULL)");
            }
            Parameter(expr.value());
            return Status::Ok();
        case v1::SqlExpr::kBinary: return Binary(expr.binary());
        case v1::SqlExpr::kLogical: {
            const auto& logical = expr.logical();
            if (logical.op() != v1::SqlLogical::AND && logical.op() != v1::SqlLogical::OR) {
                return InvalidArgumentError("a logical expression needs op AND or OR");
            }
            if (logical.operands().empty()) return InvalidArgumentError("AND/OR needs at least one operand");
            for (int i = 0; i < logical.operands_size(); ++i) {
                if (i > 0) Write(logical.op() == v1::SqlLogical::AND ? " AND " : " OR ");
                const auto& operand = logical.operands(i);
                // Comparisons bind tighter than AND/OR; only nested AND/OR need parentheses.
                if (operand.kind_case() == v1::SqlExpr::kLogical) {
                    Write("(");
                    GANTRY_RETURN_IF_ERROR(Expr(operand));
                    Write(")");
                } else {
                    GANTRY_RETURN_IF_ERROR(Expr(operand));
                }
            }
            return Status::Ok();
        }
        case v1::SqlExpr::kNegation:
            Write("NOT (");
            GANTRY_RETURN_IF_ERROR(Expr(expr.negation().operand()));
            Write(")");
            return Status::Ok();
        case v1::SqlExpr::kIsNull:
            GANTRY_RETURN_IF_ERROR(Operand(expr.is_null().operand()));
            Write(expr.is_null().negated() ? " IS NOT NULL" : " IS NULL");
            return Status::Ok();
        case v1::SqlExpr::kInList: {
            const auto& in = expr.in_list();
            if (in.items().empty()) return InvalidArgumentError("IN needs at least one item");
            GANTRY_RETURN_IF_ERROR(Operand(in.operand()));
            Write(in.negated() ? " NOT IN (" : " IN (");
            GANTRY_RETURN_IF_ERROR(ExprList(in.items()));
            Write(")");
            return Status::Ok();
        }
        case v1::SqlExpr::kInSubquery:
            GANTRY_RETURN_IF_ERROR(Operand(expr.in_subquery().operand()));
            Write(expr.in_subquery().negated() ? " NOT IN " : " IN ");
            return Subquery(expr.in_subquery().subquery());
        case v1::SqlExpr::kExists:
            Write(expr.exists().negated() ? "NOT EXISTS " : "EXISTS ");
            return Subquery(expr.exists().subquery());
        case v1::SqlExpr::kBetween: {
            const auto& between = expr.between();
            GANTRY_RETURN_IF_ERROR(Operand(between.operand()));
            Write(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
            GANTRY_RETURN_IF_ERROR(Operand(between.low()));
            Write(" AND ");
            return Operand(between.high());
        }
        case v1::SqlExpr::kFunction: return Function(expr.function());
        case v1::SqlExpr::kSubquery: return Subquery(expr.subquery());
        case v1::SqlExpr::kStar:
            if (!expr.star().table().empty()) {
                GANTRY_RETURN_IF_ERROR(Identifier(expr.star().table()));
                Write(".");
            } else if (!output_prefix_.empty()) {
                Write(output_prefix_);
                Write(".");
            }
            Write("*");
            return Status::Ok();
        case v1::SqlExpr::kExcluded:
            if (!in_upsert_updates_) {
                return InvalidArgumentError("'excluded' column references are only valid in an upsert's updates");
            }
            if (dialect_.is(v1::SQL_DIALECT_MYSQL)) {
                Write("VALUES(");
                GANTRY_RETURN_IF_ERROR(Identifier(expr.excluded()));
                Write(")");
                return Status::Ok();
            }
            GANTRY_RETURN_IF_ERROR(Identifier("excluded"));
            Write(".");
            return Identifier(expr.excluded());
        case v1::SqlExpr::KIND_NOT_SET: break;
    }
    return InvalidArgumentError("an expression is empty: set one of its kinds");
}

Status Renderer::Operand(const v1::SqlExpr& expr) {
    if (IsAtomic(expr)) return Expr(expr);
    Write("(");
    GANTRY_RETURN_IF_ERROR(Expr(expr));
    Write(")");
    return Status::Ok();
}

Status Renderer::ExprList(const google::protobuf::RepeatedPtrField<v1::SqlExpr>& exprs) {
    for (int i = 0; i < exprs.size(); ++i) {
        if (i > 0) Write(", ");
        GANTRY_RETURN_IF_ERROR(Expr(exprs[i]));
    }
    return Status::Ok();
}

Status Renderer::Column(const v1::SqlColumn& column) {
    if (column.name().empty()) return InvalidArgumentError("a column reference has no name");
    if (!column.table().empty()) {
        GANTRY_RETURN_IF_ERROR(Identifier(column.table()));
        Write(".");
    } else if (!output_prefix_.empty()) {
        Write(output_prefix_);
        Write(".");
    } else if (in_upsert_updates_) {
        GANTRY_RETURN_IF_ERROR(Identifier(upsert_table_));
        Write(".");
    }
    return Identifier(column.name());
}

Status Renderer::Binary(const v1::SqlBinary& binary) {
    const std::string_view op = BinaryOperator(binary.op());
    if (op.empty()) return InvalidArgumentError("a binary expression has no operator");
    const bool ilike = binary.op() == v1::SqlBinary::ILIKE || binary.op() == v1::SqlBinary::NOT_ILIKE;
    if (ilike && !dialect_.native_ilike) {
        // Case-insensitive match spelled portably.
        Write("LOWER(");
        GANTRY_RETURN_IF_ERROR(Expr(binary.left()));
        Write(binary.op() == v1::SqlBinary::ILIKE ? ") LIKE LOWER(" : ") NOT LIKE LOWER(");
        GANTRY_RETURN_IF_ERROR(Expr(binary.right()));
        Write(")");
        return Status::Ok();
    }
    GANTRY_RETURN_IF_ERROR(Operand(binary.left()));
    Write(op);
    return Operand(binary.right());
}

Status Renderer::Function(const v1::SqlFunction& function) {
    if (!ValidFunctionName(function.name())) {
        return InvalidArgumentError("function name '" + function.name().substr(0, 80) +
                                    "' is invalid: use letters, digits and _ (optionally schema.name)");
    }
    Write(function.name());
    Write(function.distinct() ? "(DISTINCT " : "(");
    GANTRY_RETURN_IF_ERROR(ExprList(function.args()));
    Write(")");
    if (function.has_over()) {
        Write(" OVER (");
        GANTRY_RETURN_IF_ERROR(Window(function.over()));
        Write(")");
    }
    return Status::Ok();
}

Status Renderer::Window(const v1::SqlWindow& window) {
    std::string_view separator;
    if (!window.partition_by().empty()) {
        Write("PARTITION BY ");
        GANTRY_RETURN_IF_ERROR(ExprList(window.partition_by()));
        separator = " ";
    }
    if (!window.order_by().empty()) {
        Write(separator);
        GANTRY_RETURN_IF_ERROR(OrderBy(window.order_by()));
        separator = " ";
    }
    if (window.has_frame()) {
        const auto& frame = window.frame();
        if (frame.unit() == v1::SqlWindowFrame::UNIT_UNSPECIFIED)
            return InvalidArgumentError("a window frame needs ROWS or RANGE");
        Write(separator);
        Write(frame.unit() == v1::SqlWindowFrame::ROWS ? "ROWS " : "RANGE ");
        if (frame.has_end()) {
            Write("BETWEEN ");
            GANTRY_RETURN_IF_ERROR(FrameBound(frame.start()));
            Write(" AND ");
            return FrameBound(frame.end());
        }
        return FrameBound(frame.start());
    }
    return Status::Ok();
}

Status Renderer::FrameBound(const v1::SqlFrameBound& bound) {
    switch (bound.kind()) {
        case v1::SqlFrameBound::UNBOUNDED_PRECEDING: Write("UNBOUNDED PRECEDING"); return Status::Ok();
        case v1::SqlFrameBound::CURRENT_ROW: Write("CURRENT ROW"); return Status::Ok();
        case v1::SqlFrameBound::UNBOUNDED_FOLLOWING: Write("UNBOUNDED FOLLOWING"); return Status::Ok();
        case v1::SqlFrameBound::PRECEDING:
        case v1::SqlFrameBound::FOLLOWING:
            if (bound.offset() < 0) return InvalidArgumentError("a window frame offset must not be negative");
            // A validated integer, not a value: frame offsets cannot be parameters in every dialect.
            Write(std::to_string(bound.offset()));
            Write(bound.kind() == v1::SqlFrameBound::PRECEDING ? " PRECEDING" : " FOLLOWING");
            return Status::Ok();
        default: return InvalidArgumentError("a window frame bound has no kind");
    }
}

Status Renderer::OrderBy(const google::protobuf::RepeatedPtrField<v1::SqlOrderItem>& items) {
    Write("ORDER BY ");
    for (int i = 0; i < items.size(); ++i) {
        if (i > 0) Write(", ");
        GANTRY_RETURN_IF_ERROR(Expr(items[i].expr()));
        if (items[i].descending()) Write(" DESC");
        if (items[i].nulls() != v1::SqlOrderItem::NULLS_DEFAULT) {
            if (!dialect_.nulls_ordering) return dialect_.Unsupported("NULLS FIRST/LAST in ORDER BY");
            Write(items[i].nulls() == v1::SqlOrderItem::NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
        }
    }
    return Status::Ok();
}

Status Renderer::Subquery(const v1::SqlSelect& select) {
    // Context of the enclosing statement (OUTPUT prefixes, upsert targets) does not reach into subqueries.
    ScopedValue<std::string_view> no_prefix(output_prefix_, {});
    ScopedValue<bool> no_upsert(in_upsert_updates_, false);
    Write("(");
    GANTRY_RETURN_IF_ERROR(Select(select));
    Write(")");
    return Status::Ok();
}

}  // namespace gantry::db::querybuilder
