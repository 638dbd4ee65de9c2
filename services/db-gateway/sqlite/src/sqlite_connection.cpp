#include "sqlite_connection.hpp"

#include <cctype>
#include <filesystem>
#include <limits>
#include <optional>

#include "gantry/db/identifiers.hpp"
#include "gantry/db/parameters.hpp"
#include "sqlite_values.hpp"

namespace gantry::db::sqlite {
namespace {

// Resets a statement (and its bindings) when the scope ends, so a cached statement is always clean.
struct StatementReset {
    sqlite3_stmt* stmt;
    ~StatementReset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
};

constexpr int kBusyTimeoutMs = 5000;

// Tells whether a statement inserted a row. The connection's last insert rowid outlives statements, and a new row
// may get the same rowid as the previous one (a fresh table's first row is 1 again), so the rowid is set to a
// sentinel before the statement runs: only an insert replaces it. The previous value is restored otherwise (also
// when the statement fails), so SQL's last_insert_rowid() in a later call keeps its meaning. A statement that itself
// calls last_insert_rowid() must see the real value: for it, only a changed rowid counts as an insert.
class InsertDetector {
public:
    InsertDetector(sqlite3* db, sqlite3_stmt* stmt) : db_(db), before_(sqlite3_last_insert_rowid(db)) {
        const char* sql = sqlite3_sql(stmt);
        std::string lower(sql ? sql : "");
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        sentinel_ = lower.find("last_insert_rowid") == std::string::npos;
        if (sentinel_) sqlite3_set_last_insert_rowid(db_, kSentinel);
    }
    ~InsertDetector() {
        if (sentinel_ && sqlite3_last_insert_rowid(db_) == kSentinel) sqlite3_set_last_insert_rowid(db_, before_);
    }
    InsertDetector(const InsertDetector&) = delete;
    InsertDetector& operator=(const InsertDetector&) = delete;

    /// After the statement ran: the rowid it inserted, if it inserted one.
    std::optional<int64_t> Inserted() const {
        const auto now = sqlite3_last_insert_rowid(db_);
        if (sentinel_ ? now == kSentinel : now == before_) return std::nullopt;
        return now;
    }

private:
    static constexpr sqlite3_int64 kSentinel = std::numeric_limits<sqlite3_int64>::min();
    sqlite3* db_;
    sqlite3_int64 before_;
    bool sentinel_ = false;
};

// A gateway connection reaches only its configured database file: ATTACH would let any caller (even a read-only
// Query, since SQLite counts ATTACH as read-only) create or read any SQLite file the service can open, and the
// attachment would outlive the call on the pooled connection. The authorizer refuses every ATTACH and DETACH a
// caller's statement holds (it runs while the statement is prepared). While a statement runs, the only ATTACH is
// VACUUM's own: a plain VACUUM attaches a nameless temporary database (allowed), VACUUM INTO the named file
// (refused: it would create that file on the host). A refusal fails the statement with SQLITE_AUTH.
// The same callback notes a statement that reads through a view or trigger (the last argument names it).
int RefuseAttach(void* self, int action, const char* file, const char*, const char*, const char* view) {
    auto* conn = static_cast<SqliteConnection*>(self);
    if (action == SQLITE_READ && view != nullptr && conn->preparing()) conn->NoteReadThroughView();
    if (action != SQLITE_ATTACH && action != SQLITE_DETACH) return SQLITE_OK;
    if (conn->preparing()) return SQLITE_DENY;
    return action == SQLITE_ATTACH && file != nullptr && *file != '\0' ? SQLITE_DENY : SQLITE_OK;
}

}  // namespace

StatusOr<std::unique_ptr<Connection>> SqliteConnection::Open(const DriverOptions& options) {
    std::error_code ec;
    const auto parent = std::filesystem::path(options.dsn).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(options.dsn.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        auto st = SqliteError(db, rc, "database '" + options.database + "': cannot open SQLite file '" + options.dsn + "'");
        sqlite3_close_v2(db);
        return UnavailableError(st.message()).WithReason("DATABASE_UNAVAILABLE");
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db, options));
    sqlite3_set_authorizer(db, RefuseAttach, conn.get());
    GANTRY_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode=WAL", "enabling WAL"));
    GANTRY_RETURN_IF_ERROR(conn->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", "setting pragmas"));
    return std::unique_ptr<Connection>(std::move(conn));
}

SqliteConnection::SqliteConnection(sqlite3* db, const DriverOptions& options)
    : db_(db),
      database_(options.database),
      cache_(options.statement_cache, options.cache_counters, [this](sqlite3_stmt*& s) {
          through_view_.erase(s);
          sqlite3_finalize(s);
      }) {}

SqliteConnection::~SqliteConnection() {
    cache_.Clear();
    sqlite3_close_v2(db_);
}

Status SqliteConnection::Fail(int rc, const std::string& context) {
    if ((rc & 0xff) == SQLITE_AUTH) {  // only RefuseAttach denies anything
        return InvalidArgumentError(context + ": ATTACH, DETACH and VACUUM INTO are refused: a gateway connection " +
                                    "reaches only its configured database file")
            .WithReason("ATTACH_REFUSED")
            .WithMetadata("sqlite_code", std::to_string(rc));
    }
    if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) broken_ = true;
    return SqliteError(db_, rc, context);
}

Status SqliteConnection::Exec(const char* sql, const std::string& context) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    return rc == SQLITE_OK ? Status::Ok() : Fail(rc, "database '" + database_ + "': " + context);
}

StatusOr<sqlite3_stmt*> SqliteConnection::Prepare(const std::string& sql) {
    if (auto* cached = cache_.Find(sql)) return *cached;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    preparing_ = true;
    read_through_view_ = false;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, &tail);
    preparing_ = false;
    if (rc != SQLITE_OK) return Fail(rc, "database '" + database_ + "'");
    if (stmt == nullptr) return InvalidArgumentError("the SQL holds no statement");
    for (; tail && *tail; ++tail) {
        if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
            sqlite3_finalize(stmt);
            return InvalidArgumentError("the SQL holds more than one statement; send one per call or use ExecuteBatch");
        }
    }
    if (read_through_view_) through_view_.insert(stmt);
    return cache_.Insert(sql, stmt);
}

std::vector<Column> SqliteConnection::Columns(sqlite3_stmt* stmt, const std::string& sql, bool has_row,
                                              std::vector<common::v1::ValueType>& declared) {
    const int ncols = sqlite3_column_count(stmt);
    // A NOT NULL origin column is a promise only when nothing in the statement can put NULL into it.
    const bool origins_hold = !through_view_.count(stmt) && !MayNullOriginColumns(Dialect::kSqlite, sql);
    std::vector<Column> columns(static_cast<size_t>(ncols));
    declared.assign(static_cast<size_t>(ncols), common::v1::VALUE_TYPE_UNSPECIFIED);
    for (int i = 0; i < ncols; ++i) {
        auto& c = columns[static_cast<size_t>(i)];
        const char* decl = sqlite3_column_decltype(stmt, i);
        declared[static_cast<size_t>(i)] = DeclaredType(decl);
        c.set_name(sqlite3_column_name(stmt, i));
        c.set_type(declared[static_cast<size_t>(i)]);
        c.set_database_type(decl ? decl : "");
        if (!decl && has_row) {
            // An expression has no declared type: report the storage class of its first value.
            const auto [type, name] = StorageClass(sqlite3_column_type(stmt, i));
            c.set_type(type);
            c.set_database_type(name);
        }
        bool not_null = false;
        const char* table = sqlite3_column_table_name(stmt, i);
        const char* origin = sqlite3_column_origin_name(stmt, i);
        if (origins_hold && table && origin) {
            int notnull = 0, pk = 0, autoinc = 0;
            // AUTOINCREMENT exists only on an INTEGER PRIMARY KEY, which is the rowid and never NULL.
            not_null = sqlite3_table_column_metadata(db_, sqlite3_column_database_name(stmt, i), table, origin, nullptr,
                                                     nullptr, &notnull, &pk, &autoinc) == SQLITE_OK &&
                       (notnull || autoinc);
        }
        c.set_nullable(!not_null);
    }
    return columns;
}

StatusOr<ExecResult> SqliteConnection::Execute(const std::string& sql, const std::vector<Value>& params,
                                               RowSink& sink) {
    GANTRY_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    StatementReset reset{stmt};
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
        return InvalidArgumentError("the statement has " + std::to_string(expected) + " parameter placeholders but " +
                                    std::to_string(params.size()) + " values were given")
            .WithReason("PARAMETER_COUNT_MISMATCH");
    }
    for (size_t i = 0; i < params.size(); ++i) {
        if (int rc = BindValue(stmt, static_cast<int>(i) + 1, params[i]); rc != SQLITE_OK) {
            return Fail(rc, "binding parameter " + std::to_string(i + 1));
        }
    }
    const bool read_only = sqlite3_stmt_readonly(stmt);
    const auto changes_before = sqlite3_total_changes64(db_);
    std::optional<InsertDetector> inserts;
    if (!read_only) inserts.emplace(db_, stmt);
    // Columns are read after the first step: a schema change re-prepares the statement inside it, and
    // only then does `SELECT *` show the new shape.
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Fail(rc, "database '" + database_ + "'");
    const int ncols = sqlite3_column_count(stmt);
    std::vector<common::v1::ValueType> declared;
    if (ncols > 0) GANTRY_RETURN_IF_ERROR(sink.OnColumns(Columns(stmt, sql, rc == SQLITE_ROW, declared)));
    for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
        Row row;
        for (int i = 0; i < ncols; ++i) *row.add_values() = ReadValue(stmt, i, declared[static_cast<size_t>(i)]);
        if (!sink.OnRow(std::move(row))) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) return Fail(rc, "database '" + database_ + "'");
    ExecResult result;
    if (!read_only && sqlite3_total_changes64(db_) != changes_before) {
        result.rows_affected = sqlite3_changes64(db_);
        result.last_insert_id = inserts->Inserted();
    }
    return result;
}

Status SqliteConnection::Begin(const TransactionOptions& options) {
    if (options.read_only) {
        GANTRY_RETURN_IF_ERROR(Exec("PRAGMA query_only=1", "making the connection read-only"));
        query_only_ = true;
        return Exec("BEGIN DEFERRED", "BEGIN");
    }
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading their locks.
    return Exec("BEGIN IMMEDIATE", "BEGIN");
}

Status SqliteConnection::EndTransaction(const char* sql) {
    Status st = sqlite3_get_autocommit(db_) ? Status::Ok() : Exec(sql, sql);
    if (query_only_) {
        if (auto off = Exec("PRAGMA query_only=0", "ending read-only mode"); !off.ok() && st.ok()) st = off;
        query_only_ = false;
    }
    return st;
}

Status SqliteConnection::Commit() { return EndTransaction("COMMIT"); }
Status SqliteConnection::Rollback() { return EndTransaction("ROLLBACK"); }
Status SqliteConnection::Reset() { return EndTransaction("ROLLBACK"); }
Status SqliteConnection::Ping() { return Exec("SELECT 1", "health check"); }
void SqliteConnection::Cancel() { sqlite3_interrupt(db_); }

namespace {

// Collects rows into a vector of strings-per-row for catalog queries.
class CatalogSink final : public RowSink {
public:
    Status OnColumns(std::vector<Column>) override { return Status::Ok(); }
    bool OnRow(Row&& row) override {
        rows.push_back(std::move(row));
        return true;
    }
    std::vector<Row> rows;
};

std::string TextOf(const Value& v) {
    if (v.has_text_value()) return v.text_value();
    if (v.has_int64_value()) return std::to_string(v.int64_value());
    return "";
}

Value TextValue(const std::string& s) {
    Value v;
    v.set_text_value(s);
    return v;
}

}  // namespace

StatusOr<std::vector<TableEntry>> SqliteConnection::ListTables(const std::string&) {
    CatalogSink sink;
    GANTRY_RETURN_IF_ERROR(Execute("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name "
                                   "NOT LIKE 'sqlite_%' ORDER BY name",
                                   {}, sink)
                               .status());
    std::vector<TableEntry> out;
    for (const auto& r : sink.rows) out.push_back({"main", TextOf(r.values(0)), TextOf(r.values(1))});
    return out;
}

StatusOr<std::vector<ColumnEntry>> SqliteConnection::DescribeTable(const std::string& table) {
    CatalogSink sink;
    const auto [schema, name] = SplitQualifiedName(table);
    GANTRY_RETURN_IF_ERROR(
        Execute("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
                {TextValue(name)}, sink)
            .status());
    std::vector<ColumnEntry> out;
    for (const auto& r : sink.rows) {
        ColumnEntry c;
        c.name = TextOf(r.values(0));
        c.database_type = TextOf(r.values(1));
        c.type = DeclaredType(c.database_type.c_str());
        c.nullable = r.values(2).int64_value() == 0;
        c.default_value = TextOf(r.values(3));
        c.primary_key = r.values(4).int64_value() > 0;
        out.push_back(std::move(c));
    }
    return out;
}

StatusOr<int64_t> SqliteConnection::BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                               RowSource& rows) {
    std::string sql = "INSERT INTO " + QuoteQualifiedName(Dialect::kSqlite, table) + " (";
    std::string marks;
    for (size_t i = 0; i < columns.size(); ++i) {
        sql += (i ? ", " : "") + QuoteIdentifier(Dialect::kSqlite, columns[i]);
        marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    const bool own_transaction = sqlite3_get_autocommit(db_);
    if (own_transaction) GANTRY_RETURN_IF_ERROR(Begin({}));
    auto fail = [&](Status st) {
        if (own_transaction) (void)Rollback();
        return st;
    };
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return fail(stmt.status());
    int64_t count = 0;
    Row row;
    Status bad;
    while (rows.Next(row, bad)) {
        StatementReset reset{*stmt};
        for (int i = 0; i < row.values_size(); ++i) {
            if (int rc = BindValue(*stmt, i + 1, row.values(i)); rc != SQLITE_OK) {
                return fail(Fail(rc, "row " + std::to_string(count + 1)));
            }
        }
        if (int rc = sqlite3_step(*stmt); rc != SQLITE_DONE) {
            return fail(Fail(rc, "database '" + database_ + "': row " + std::to_string(count + 1)));
        }
        ++count;
    }
    if (!bad.ok()) return fail(bad);
    if (own_transaction) GANTRY_RETURN_IF_ERROR(Commit());
    return count;
}

}  // namespace gantry::db::sqlite
