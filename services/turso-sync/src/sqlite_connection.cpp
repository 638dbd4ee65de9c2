#include "gantry/turso/sqlite_connection.hpp"

#include <sqlite3.h>
#include <strings.h>

#include <cctype>
#include <cstring>

namespace gantry::turso {
namespace {

struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

Status SqliteError(sqlite3* db, int rc, const std::string& context) {
    const std::string message = context + sqlite3_errmsg(db);
    const int primary = rc & 0xff;
    if (primary == SQLITE_CONSTRAINT) {
        // As db-gateway maps the same SQLite errors (docs/error-codes.md: "it exists already").
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            return AlreadyExistsError(message)
                .WithReason("UNIQUE_VIOLATION")
                .WithMetadata("sqlite_code", std::to_string(rc));
        }
        return InvalidArgumentError(message)
            .WithReason("CONSTRAINT_VIOLATION")
            .WithMetadata("sqlite_code", std::to_string(rc));
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return UnavailableError(message).WithReason("DATABASE_BUSY");
    }
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        return DataLossError(message).WithReason("DATABASE_CORRUPT");
    }
    if (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN) {
        return UnavailableError(message).WithReason("DATABASE_IO");
    }
    if (primary == SQLITE_READONLY) return InvalidArgumentError(message).WithReason("READ_ONLY");
    if (primary == SQLITE_ERROR && message.find("no such table") != std::string::npos) {
        return NotFoundError(message).WithReason("UNDEFINED_TABLE").WithMetadata("sqlite_code", std::to_string(rc));
    }
    return InvalidArgumentError(message).WithReason("SQL_ERROR").WithMetadata("sqlite_code", std::to_string(rc));
}

Status AttachRefusedError() {
    return InvalidArgumentError(
               "ATTACH, DETACH and VACUUM INTO are refused: a statement may only use the configured database, not "
               "open other database files on the service's host")
        .WithReason("ATTACH_REFUSED");
}

int Bind(sqlite3_stmt* s, int index, const Value& v) {
    struct Visitor {
        sqlite3_stmt* s;
        int i;
        int operator()(Null) const { return sqlite3_bind_null(s, i); }
        int operator()(int64_t x) const { return sqlite3_bind_int64(s, i, x); }
        int operator()(double x) const { return sqlite3_bind_double(s, i, x); }
        int operator()(const std::string& x) const {
            return sqlite3_bind_text64(s, i, x.data(), x.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        int operator()(const Blob& x) const { return sqlite3_bind_blob64(s, i, x.data(), x.size(), SQLITE_TRANSIENT); }
    };
    return std::visit(Visitor{s, index}, v);
}

Value Column(sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(s, i);
        case SQLITE_FLOAT:
            return sqlite3_column_double(s, i);
        case SQLITE_TEXT:
            return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, i)),
                               static_cast<size_t>(sqlite3_column_bytes(s, i)));
        case SQLITE_BLOB: {
            const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s, i));
            return Blob(p, p + sqlite3_column_bytes(s, i));
        }
        default:
            return Null{};
    }
}

bool OnlyWhitespaceOrComments(const char* tail) {
    // sqlite3_complete-style check: anything left must be blank or `;`.
    for (const char* p = tail; p && *p; ++p) {
        if (!std::strchr(" \t\r\n;", *p)) return false;
    }
    return true;
}

}  // namespace

StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Access access) {
    sqlite3* db = nullptr;
    const int flags =
        (access == Access::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message =
            "cannot open SQLite database '" + path + "': " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return UnavailableError(message).WithReason("DATABASE_IO");
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db, path));
    // Every statement compiled on this connection passes the authorizer: ATTACH (which creates the named file) and
    // DETACH are refused unless Attach runs them.
    if (sqlite3_set_authorizer(db, &SqliteConnection::Authorize, conn.get()) != SQLITE_OK) {
        return InternalError("cannot install the SQLite authorizer on '" + path + "'");
    }
    return conn;
}

int SqliteConnection::Authorize(void* self, int action, const char* file, const char*, const char*, const char*) {
    auto* conn = static_cast<SqliteConnection*>(self);
    // VACUUM attaches a private temporary database, which has no file name: it opens no file on the host.
    if (action == SQLITE_ATTACH && file != nullptr && *file == '\0') return SQLITE_OK;
    if ((action == SQLITE_ATTACH || action == SQLITE_DETACH) && !conn->attach_allowed_) {
        conn->attach_refused_ = true;
        return SQLITE_DENY;
    }
    return SQLITE_OK;
}

Status SqliteConnection::Error(int rc, const std::string& context) {
    if (attach_refused_) {
        attach_refused_ = false;
        if ((rc & 0xff) == SQLITE_AUTH) return AttachRefusedError();
    }
    return SqliteError(db_, rc, context);
}

Status SqliteConnection::Attach(const std::string& path, const std::string& schema) {
    std::string quoted = "\"";
    for (char c : schema) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += '"';
    attach_allowed_ = true;
    auto r = Execute({"ATTACH DATABASE ? AS " + quoted, {path}, {}, false});
    attach_allowed_ = false;
    return r.status();
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

StatusOr<StmtResult> SqliteConnection::Execute(const Stmt& stmt) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, stmt.sql.c_str(), static_cast<int>(stmt.sql.size()), &raw, &tail);
    StmtPtr s(raw);
    if (rc != SQLITE_OK) return Error(rc, "");
    if (!s) return InvalidArgumentError("the SQL text holds no statement").WithReason("SQL_ERROR");
    if (!OnlyWhitespaceOrComments(tail)) {
        return InvalidArgumentError("only one statement per call; found more after the first: '" +
                                    std::string(tail).substr(0, 60) + "' (use Batch)")
            .WithReason("MULTIPLE_STATEMENTS");
    }
    const int params = sqlite3_bind_parameter_count(s.get());
    if (static_cast<int>(stmt.args.size()) > params) {
        return InvalidArgumentError("the statement takes " + std::to_string(params) + " parameters, " +
                                    std::to_string(stmt.args.size()) + " were given");
    }
    for (size_t i = 0; i < stmt.args.size(); ++i) {
        if (Bind(s.get(), static_cast<int>(i + 1), stmt.args[i]) != SQLITE_OK) return SqliteError(db_, rc, "bind: ");
    }
    for (const auto& named : stmt.named_args) {
        const int index = sqlite3_bind_parameter_index(s.get(), named.name.c_str());
        if (index == 0) return InvalidArgumentError("the statement has no parameter named '" + named.name + "'");
        if (Bind(s.get(), index, named.value) != SQLITE_OK) return SqliteError(db_, rc, "bind: ");
    }
    StmtResult result;
    const int cols = sqlite3_column_count(s.get());
    for (int i = 0; i < cols; ++i) {
        Col col{sqlite3_column_name(s.get(), i), std::nullopt};
        if (const char* d = sqlite3_column_decltype(s.get(), i)) col.decltype_ = d;
        result.cols.push_back(std::move(col));
    }
    const int64_t changes_before = sqlite3_total_changes64(db_);
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        if (!stmt.want_rows) continue;
        std::vector<Value> row;
        row.reserve(static_cast<size_t>(cols));
        for (int i = 0; i < cols; ++i) row.push_back(Column(s.get(), i));
        result.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return Error(rc, "");
    if (!sqlite3_stmt_readonly(s.get())) {
        result.affected_row_count = static_cast<uint64_t>(sqlite3_total_changes64(db_) - changes_before);
        result.last_insert_rowid = sqlite3_last_insert_rowid(db_);
    }
    return result;
}

BatchResult SqliteConnection::RunBatch(const Batch& batch) {
    BatchResult out;
    for (const auto& step : batch.steps) {
        StepOutcome outcome;
        if (!step.condition || EvaluateCondition(*step.condition, out.steps, autocommit())) {
            auto r = Execute(step.stmt);
            if (r.ok()) {
                outcome.result = std::move(*r);
            } else {
                outcome.error = StmtError{r.status().message(), r.status().reason()};
            }
        }
        out.steps.push_back(std::move(outcome));
    }
    return out;
}

Status SqliteConnection::ExecScript(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if (attach_refused_) {
            attach_refused_ = false;
            if ((rc & 0xff) == SQLITE_AUTH) return AttachRefusedError();
        }
        return InvalidArgumentError(message).WithReason("SQL_ERROR");
    }
    return Status::Ok();
}

bool IsVacuum(std::string_view sql) {
    for (;;) {  // skip white space and comments
        const size_t start = sql.find_first_not_of(" \t\r\n\f");
        if (start == std::string_view::npos) return false;
        sql.remove_prefix(start);
        if (sql.substr(0, 2) == "--") {
            const size_t end = sql.find('\n');
            if (end == std::string_view::npos) return false;
            sql.remove_prefix(end + 1);
        } else if (sql.substr(0, 2) == "/*") {
            const size_t end = sql.find("*/", 2);
            if (end == std::string_view::npos) return false;
            sql.remove_prefix(end + 2);
        } else {
            break;
        }
    }
    constexpr std::string_view kVacuum = "VACUUM";
    if (sql.size() < kVacuum.size() || strncasecmp(sql.data(), kVacuum.data(), kVacuum.size()) != 0) return false;
    return sql.size() == kVacuum.size() ||
           !(std::isalnum(static_cast<unsigned char>(sql[kVacuum.size()])) || sql[kVacuum.size()] == '_');
}

StatusOr<bool> SqliteConnection::IsReadOnly(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
    StmtPtr s(raw);
    if (rc != SQLITE_OK) return Error(rc, "");
    if (!s) return InvalidArgumentError("the SQL text holds no statement").WithReason("SQL_ERROR");
    // BEGIN/COMMIT are "read-only" to SQLite but steer transactions; treat them as writes.
    const std::string_view head(sql.c_str() + std::strspn(sql.c_str(), " \t\r\n"));
    const bool transaction_control =
        strncasecmp(head.data(), "BEGIN", 5) == 0 || strncasecmp(head.data(), "COMMIT", 6) == 0 ||
        strncasecmp(head.data(), "END", 3) == 0 || strncasecmp(head.data(), "ROLLBACK", 8) == 0 ||
        strncasecmp(head.data(), "SAVEPOINT", 9) == 0 || strncasecmp(head.data(), "RELEASE", 7) == 0;
    return sqlite3_stmt_readonly(s.get()) != 0 && !transaction_control;
}

bool SqliteConnection::autocommit() const { return sqlite3_get_autocommit(db_) != 0; }

StatusOr<std::string> SqliteConnection::IntegrityCheck() {
    GANTRY_ASSIGN_OR_RETURN(auto r, Execute({"PRAGMA integrity_check", {}, {}, true}));
    if (r.rows.empty()) return std::string("no answer");
    const auto* text = std::get_if<std::string>(&r.rows.front().front());
    return text ? *text : std::string("non-text answer");
}

}  // namespace gantry::turso
