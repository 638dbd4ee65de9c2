#include "gantry/turso/session_capture.hpp"

#include <sqlite3.h>

#include <memory>

#include "gantry/turso/outbox.hpp"

namespace gantry::turso {
namespace {

struct SessionDeleter {
    void operator()(sqlite3_session* s) const { sqlite3session_delete(s); }
};
using SessionPtr = std::unique_ptr<sqlite3_session, SessionDeleter>;

StatusOr<SessionPtr> NewSession(sqlite3* db) {
    sqlite3_session* raw = nullptr;
    if (sqlite3session_create(db, "main", &raw) != SQLITE_OK) {
        return InternalError(std::string("cannot start a change-capture session: ") + sqlite3_errmsg(db));
    }
    SessionPtr session(raw);
    if (sqlite3session_attach(session.get(), nullptr) != SQLITE_OK) {
        return InternalError(std::string("cannot attach the change-capture session: ") + sqlite3_errmsg(db));
    }
    return session;
}

StatusOr<int64_t> SchemaVersion(SqliteConnection& conn) {
    GANTRY_ASSIGN_OR_RETURN(auto r, conn.Execute({"PRAGMA main.schema_version", {}, {}, true}));
    return std::get<int64_t>(r.rows.at(0).at(0));
}

}  // namespace

StatusOr<int> CaptureWrite(SqliteConnection& conn, const std::string& ddl_sql, const std::function<Status()>& body) {
    GANTRY_RETURN_IF_ERROR(conn.ExecScript("BEGIN IMMEDIATE"));
    auto run = [&]() -> StatusOr<int> {
        GANTRY_ASSIGN_OR_RETURN(const int64_t schema_before, SchemaVersion(conn));
        GANTRY_ASSIGN_OR_RETURN(auto session, NewSession(conn.raw()));
        GANTRY_RETURN_IF_ERROR(body());
        GANTRY_ASSIGN_OR_RETURN(const int64_t schema_after, SchemaVersion(conn));
        int queued = 0;
        if (schema_after != schema_before) {
            if (ddl_sql.empty()) {
                return InvalidArgumentError(
                           "schema changes cannot be queued from a batch on an offline database; "
                           "run them with Execute")
                    .WithReason("OFFLINE_BATCH_DDL");
            }
            GANTRY_RETURN_IF_ERROR(Outbox::Append(conn, OutboxEntry::Kind::kSql, ddl_sql));
            ++queued;
        }
        int size = 0;
        void* data = nullptr;
        if (sqlite3session_changeset(session.get(), &size, &data) != SQLITE_OK) {
            return InternalError(std::string("cannot read captured changes: ") + sqlite3_errmsg(conn.raw()));
        }
        std::string changeset(static_cast<const char*>(data), static_cast<size_t>(size));
        sqlite3_free(data);
        if (!changeset.empty()) {
            GANTRY_RETURN_IF_ERROR(Outbox::Append(conn, OutboxEntry::Kind::kChangeset, changeset));
            ++queued;
        }
        return queued;
    };
    auto queued = run();
    if (!queued.ok()) {
        (void)conn.ExecScript("ROLLBACK");
        return queued;
    }
    if (Status st = conn.ExecScript("COMMIT"); !st.ok()) {
        if (!conn.autocommit()) (void)conn.ExecScript("ROLLBACK");
        return st;
    }
    return queued;
}

Status ApplyChangeset(SqliteConnection& conn, const std::string& changeset) {
    auto on_conflict = [](void*, int conflict, sqlite3_changeset_iter*) -> int {
        return conflict == SQLITE_CHANGESET_DATA || conflict == SQLITE_CHANGESET_CONFLICT ? SQLITE_CHANGESET_REPLACE
                                                                                          : SQLITE_CHANGESET_OMIT;
    };
    const int rc = sqlite3changeset_apply(conn.raw(), static_cast<int>(changeset.size()),
                                          const_cast<char*>(changeset.data()), nullptr, on_conflict, nullptr);
    if (rc != SQLITE_OK) {
        return InternalError(std::string("cannot re-apply queued changes: ") + sqlite3_errmsg(conn.raw()));
    }
    return Status::Ok();
}

StatusOr<std::string> DiffAgainst(SqliteConnection& conn, const std::string& from_schema) {
    GANTRY_ASSIGN_OR_RETURN(auto session, NewSession(conn.raw()));
    GANTRY_ASSIGN_OR_RETURN(
        auto tables,
        conn.Execute(
            {"SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", {}, {}, true}));
    for (const auto& row : tables.rows) {
        const auto& table = std::get<std::string>(row.at(0));
        char* err = nullptr;
        if (sqlite3session_diff(session.get(), from_schema.c_str(), table.c_str(), &err) != SQLITE_OK) {
            std::string message = err ? err : sqlite3_errmsg(conn.raw());
            sqlite3_free(err);
            return FailedPreconditionError("cannot diff table '" + table + "': " + message);
        }
    }
    int size = 0;
    void* data = nullptr;
    if (sqlite3session_changeset(session.get(), &size, &data) != SQLITE_OK) {
        return InternalError(std::string("cannot read the diff: ") + sqlite3_errmsg(conn.raw()));
    }
    std::string changeset(static_cast<const char*>(data), static_cast<size_t>(size));
    sqlite3_free(data);
    return changeset;
}

}  // namespace gantry::turso
