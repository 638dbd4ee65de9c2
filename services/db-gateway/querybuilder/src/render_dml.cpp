// INSERT (with upserts: ON CONFLICT, ON DUPLICATE KEY UPDATE, MERGE), UPDATE and DELETE.
#include "renderer.hpp"

namespace gantry::db::querybuilder {

Status Renderer::ColumnList(const google::protobuf::RepeatedPtrField<std::string>& columns) {
    Write("(");
    for (int i = 0; i < columns.size(); ++i) {
        if (i > 0) Write(", ");
        GANTRY_RETURN_IF_ERROR(Identifier(columns[i]));
    }
    Write(")");
    return Status::Ok();
}

Status Renderer::Assignments(const google::protobuf::RepeatedPtrField<v1::SqlAssignment>& assignments) {
    for (int i = 0; i < assignments.size(); ++i) {
        if (i > 0) Write(", ");
        GANTRY_RETURN_IF_ERROR(Identifier(assignments[i].column()));
        Write(" = ");
        GANTRY_RETURN_IF_ERROR(Expr(assignments[i].value()));
    }
    return Status::Ok();
}

Status Renderer::Returning(const google::protobuf::RepeatedPtrField<v1::SqlSelectItem>& items,
                           std::string_view prefix) {
    if (items.empty()) return Status::Ok();
    if (dialect_.output_clause) {
        ScopedValue<std::string_view> output(output_prefix_, prefix);
        Write(" OUTPUT ");
        return SelectItems(items);
    }
    Write(" RETURNING ");
    return SelectItems(items);
}

Status Renderer::InsertSource(const v1::SqlInsert& insert) {
    const bool has_rows = !insert.rows().empty();
    if (has_rows == insert.has_select()) {
        return InvalidArgumentError("an INSERT needs either VALUES rows or a select, not both or neither");
    }
    if (insert.has_select()) {
        // SQLite cannot tell an upsert's ON CONFLICT from a join constraint after a bare select.
        const bool wrap = dialect_.is(v1::SQL_DIALECT_SQLITE) && insert.has_upsert();
        Write(wrap ? "SELECT * FROM " : "");
        // Its items' parameters take the target columns' types (see SelectItems).
        ScopedValue<bool> untyped(insert_source_items_, true);
        GANTRY_RETURN_IF_ERROR(wrap ? Subquery(insert.select()) : Select(insert.select()));
        Write(wrap ? " WHERE true" : "");
        return Status::Ok();
    }
    Write("VALUES ");
    for (int r = 0; r < insert.rows_size(); ++r) {
        const auto& row = insert.rows(r);
        if (row.values_size() != insert.columns_size()) {
            return InvalidArgumentError("INSERT row " + std::to_string(r + 1) + " has " +
                                        std::to_string(row.values_size()) + " values for " +
                                        std::to_string(insert.columns_size()) + " columns");
        }
        Write(r > 0 ? ", (" : "(");
        GANTRY_RETURN_IF_ERROR(ExprList(row.values()));
        Write(")");
    }
    return Status::Ok();
}

Status Renderer::Insert(const v1::SqlInsert& insert) {
    if (insert.columns().empty()) return InvalidArgumentError("an INSERT needs its column list");
    if (insert.has_with()) {
        if (!dialect_.with_on_dml)
            return dialect_.Unsupported("WITH before INSERT (put the WITH in the INSERT's select)");
        GANTRY_RETURN_IF_ERROR(With(insert.with()));
    }
    if (insert.has_upsert() && dialect_.is(v1::SQL_DIALECT_MSSQL)) return Merge(insert);
    Write("INSERT INTO ");
    GANTRY_RETURN_IF_ERROR(TableName(insert.table()));
    Write(" ");
    GANTRY_RETURN_IF_ERROR(ColumnList(insert.columns()));
    if (dialect_.output_clause) GANTRY_RETURN_IF_ERROR(Returning(insert.returning(), "INSERTED"));
    Write(" ");
    GANTRY_RETURN_IF_ERROR(InsertSource(insert));
    if (insert.has_upsert()) GANTRY_RETURN_IF_ERROR(Upsert(insert));
    if (!dialect_.output_clause) GANTRY_RETURN_IF_ERROR(Returning(insert.returning(), ""));
    return Status::Ok();
}

Status Renderer::Upsert(const v1::SqlInsert& insert) {
    const auto& upsert = insert.upsert();
    ScopedValue<bool> in_updates(in_upsert_updates_, true);
    ScopedValue<std::string> table(upsert_table_, insert.table().name());
    if (dialect_.is(v1::SQL_DIALECT_MYSQL)) {
        // MySQL detects the conflict on any unique key; "do nothing" assigns a column to itself.
        Write(" ON DUPLICATE KEY UPDATE ");
        if (upsert.updates().empty()) {
            GANTRY_RETURN_IF_ERROR(Identifier(insert.columns(0)));
            Write(" = ");
            GANTRY_RETURN_IF_ERROR(Identifier(insert.columns(0)));
            return Status::Ok();
        }
        return Assignments(upsert.updates());
    }
    Write(" ON CONFLICT");
    if (!upsert.conflict_columns().empty()) {
        Write(" ");
        GANTRY_RETURN_IF_ERROR(ColumnList(upsert.conflict_columns()));
    } else if (!upsert.updates().empty()) {
        return InvalidArgumentError("an upsert that updates needs its conflict_columns (the unique key)");
    }
    if (upsert.updates().empty()) {
        Write(" DO NOTHING");
        return Status::Ok();
    }
    Write(" DO UPDATE SET ");
    return Assignments(upsert.updates());
}

Status Renderer::Merge(const v1::SqlInsert& insert) {
    const auto& upsert = insert.upsert();
    if (upsert.conflict_columns().empty()) {
        return InvalidArgumentError("an mssql upsert (MERGE) needs conflict_columns to match rows on");
    }
    const std::string& table = insert.table().name();
    Write("MERGE INTO ");
    GANTRY_RETURN_IF_ERROR(TableName(insert.table()));
    Write(" WITH (HOLDLOCK) AS ");
    GANTRY_RETURN_IF_ERROR(Identifier(table));
    Write(" USING (");
    GANTRY_RETURN_IF_ERROR(InsertSource(insert));
    Write(") AS ");
    GANTRY_RETURN_IF_ERROR(Identifier("excluded"));
    Write(" ");
    GANTRY_RETURN_IF_ERROR(ColumnList(insert.columns()));
    Write(" ON ");
    for (int i = 0; i < upsert.conflict_columns_size(); ++i) {
        if (i > 0) Write(" AND ");
        for (const std::string_view side : {std::string_view(table), std::string_view("excluded")}) {
            GANTRY_RETURN_IF_ERROR(Identifier(side));
            Write(".");
            GANTRY_RETURN_IF_ERROR(Identifier(upsert.conflict_columns(i)));
            if (side == table) Write(" = ");
        }
    }
    if (!upsert.updates().empty()) {
        ScopedValue<bool> in_updates(in_upsert_updates_, true);
        ScopedValue<std::string> target(upsert_table_, table);
        Write(" WHEN MATCHED THEN UPDATE SET ");
        GANTRY_RETURN_IF_ERROR(Assignments(upsert.updates()));
    }
    Write(" WHEN NOT MATCHED THEN INSERT ");
    GANTRY_RETURN_IF_ERROR(ColumnList(insert.columns()));
    Write(" VALUES (");
    for (int i = 0; i < insert.columns_size(); ++i) {
        if (i > 0) Write(", ");
        GANTRY_RETURN_IF_ERROR(Identifier("excluded"));
        Write(".");
        GANTRY_RETURN_IF_ERROR(Identifier(insert.columns(i)));
    }
    Write(")");
    GANTRY_RETURN_IF_ERROR(Returning(insert.returning(), "INSERTED"));
    Write(";");  // MERGE must be terminated
    return Status::Ok();
}

Status Renderer::Update(const v1::SqlUpdate& update) {
    if (update.set().empty()) return InvalidArgumentError("an UPDATE needs at least one SET assignment");
    if (!update.returning().empty() && !dialect_.returning_on_update)
        return dialect_.Unsupported("RETURNING on UPDATE");
    if (update.has_with()) {
        if (!dialect_.with_on_dml) return dialect_.Unsupported("WITH before UPDATE");
        GANTRY_RETURN_IF_ERROR(With(update.with()));
    }
    Write("UPDATE ");
    GANTRY_RETURN_IF_ERROR(TableName(update.table()));
    Write(" SET ");
    GANTRY_RETURN_IF_ERROR(Assignments(update.set()));
    if (dialect_.output_clause) GANTRY_RETURN_IF_ERROR(Returning(update.returning(), "INSERTED"));
    if (update.has_where()) {
        Write(" WHERE ");
        GANTRY_RETURN_IF_ERROR(Expr(update.where()));
    }
    if (!dialect_.output_clause) GANTRY_RETURN_IF_ERROR(Returning(update.returning(), ""));
    return Status::Ok();
}

Status Renderer::Delete(const v1::SqlDelete& remove) {
    if (remove.has_with()) {
        if (!dialect_.with_on_dml) return dialect_.Unsupported("WITH before DELETE");
        GANTRY_RETURN_IF_ERROR(With(remove.with()));
    }
    Write("DELETE FROM ");
    GANTRY_RETURN_IF_ERROR(TableName(remove.table()));
    if (dialect_.output_clause) GANTRY_RETURN_IF_ERROR(Returning(remove.returning(), "DELETED"));
    if (remove.has_where()) {
        Write(" WHERE ");
        GANTRY_RETURN_IF_ERROR(Expr(remove.where()));
    }
    if (!dialect_.output_clause) GANTRY_RETURN_IF_ERROR(Returning(remove.returning(), ""));
    return Status::Ok();
}

}  // namespace gantry::db::querybuilder
