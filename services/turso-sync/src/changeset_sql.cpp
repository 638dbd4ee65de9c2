#include "gantry/turso/changeset_sql.hpp"

#include <sqlite3.h>

#include <map>
#include <memory>

namespace gantry::turso {
namespace {

Value FromSqlite(sqlite3_value* v) {
    if (!v) return Null{};
    switch (sqlite3_value_type(v)) {
        case SQLITE_INTEGER:
            return sqlite3_value_int64(v);
        case SQLITE_FLOAT:
            return sqlite3_value_double(v);
        case SQLITE_TEXT:
            return std::string(reinterpret_cast<const char*>(sqlite3_value_text(v)),
                               static_cast<size_t>(sqlite3_value_bytes(v)));
        case SQLITE_BLOB: {
            const auto* p = static_cast<const uint8_t*>(sqlite3_value_blob(v));
            return Blob(p, p + sqlite3_value_bytes(v));
        }
        default:
            return Null{};
    }
}

StatusOr<std::vector<std::string>> ColumnNames(sqlite3* db, const std::string& table) {
    sqlite3_stmt* raw = nullptr;
    const std::string sql = "SELECT name FROM pragma_table_info(?) ORDER BY cid";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
        return InternalError(std::string("cannot read the schema: ") + sqlite3_errmsg(db));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> s(raw, sqlite3_finalize);
    sqlite3_bind_text(s.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> names;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)));
    }
    if (names.empty()) {
        return FailedPreconditionError("queued change for table '" + table + "', which no longer exists locally");
    }
    return names;
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

StatusOr<std::vector<Stmt>> ChangesetToStatements(sqlite3* schema_db, const std::string& changeset) {
    sqlite3_changeset_iter* raw = nullptr;
    if (sqlite3changeset_start(&raw, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data())) !=
        SQLITE_OK) {
        return DataLossError("a queued changeset cannot be read");
    }
    std::unique_ptr<sqlite3_changeset_iter, int (*)(sqlite3_changeset_iter*)> it(raw, sqlite3changeset_finalize);
    std::map<std::string, std::vector<std::string>> columns;
    std::vector<Stmt> out;
    while (sqlite3changeset_next(it.get()) == SQLITE_ROW) {
        const char* table_c = nullptr;
        int ncol = 0, op = 0, indirect = 0;
        sqlite3changeset_op(it.get(), &table_c, &ncol, &op, &indirect);
        unsigned char* pk = nullptr;
        int npk = 0;
        sqlite3changeset_pk(it.get(), &pk, &npk);
        const std::string table = table_c;
        if (!columns.count(table)) {
            GANTRY_ASSIGN_OR_RETURN(auto names, ColumnNames(schema_db, table));
            columns[table] = std::move(names);
        }
        const auto& names = columns[table];
        if (static_cast<int>(names.size()) < ncol) {
            return FailedPreconditionError("queued change for table '" + table + "' has " + std::to_string(ncol) +
                                           " columns; the table now has " + std::to_string(names.size()));
        }
        Stmt stmt;
        stmt.want_rows = false;
        const std::string qt = QuoteIdentifier(table);
        auto where_pk = [&](bool use_old) -> Status {
            std::string where;
            for (int i = 0; i < ncol; ++i) {
                if (!pk[i]) continue;
                sqlite3_value* v = nullptr;
                if (use_old) {
                    sqlite3changeset_old(it.get(), i, &v);
                } else {
                    sqlite3changeset_new(it.get(), i, &v);
                }
                where += (where.empty() ? "" : " AND ") + QuoteIdentifier(names[i]) + " = ?";
                stmt.args.push_back(FromSqlite(v));
            }
            if (where.empty()) return FailedPreconditionError("table '" + table + "' has no primary key");
            stmt.sql += " WHERE " + where;
            return Status::Ok();
        };
        if (op == SQLITE_INSERT) {
            std::string cols, marks, pks, updates;
            for (int i = 0; i < ncol; ++i) {
                sqlite3_value* v = nullptr;
                sqlite3changeset_new(it.get(), i, &v);
                cols += (i ? "," : "") + QuoteIdentifier(names[i]);
                marks += i ? ",?" : "?";
                stmt.args.push_back(FromSqlite(v));
                if (pk[i]) {
                    pks += (pks.empty() ? "" : ",") + QuoteIdentifier(names[i]);
                } else {
                    updates += (updates.empty() ? "" : ",") + QuoteIdentifier(names[i]) + " = excluded." +
                               QuoteIdentifier(names[i]);
                }
            }
            stmt.sql = "INSERT INTO " + qt + " (" + cols + ") VALUES (" + marks + ")";
            if (!pks.empty()) {
                stmt.sql += " ON CONFLICT (" + pks + ") DO " + (updates.empty() ? "NOTHING" : "UPDATE SET " + updates);
            }
        } else if (op == SQLITE_UPDATE) {
            std::string sets;
            for (int i = 0; i < ncol; ++i) {
                sqlite3_value* v = nullptr;
                sqlite3changeset_new(it.get(), i, &v);
                if (!v) continue;  // unchanged column
                sets += (sets.empty() ? "" : ", ") + QuoteIdentifier(names[i]) + " = ?";
                stmt.args.push_back(FromSqlite(v));
            }
            if (sets.empty()) continue;
            stmt.sql = "UPDATE " + qt + " SET " + sets;
            GANTRY_RETURN_IF_ERROR(where_pk(true));
        } else if (op == SQLITE_DELETE) {
            stmt.sql = "DELETE FROM " + qt;
            GANTRY_RETURN_IF_ERROR(where_pk(true));
        } else {
            continue;
        }
        out.push_back(std::move(stmt));
    }
    return out;
}

}  // namespace gantry::turso
