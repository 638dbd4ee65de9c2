#include "mariadb_connection.hpp"

#include <mysqld_error.h>
#include <errmsg.h>
#include <spdlog/spdlog.h>

#include "gantry/db/identifiers.hpp"
#include "gantry/db/sql_errors.hpp"
#include "mariadb_values.hpp"

namespace gantry::db::mariadb {
namespace {

// UTC so TIMESTAMP values read as instants; state tracking so a reset happens only when needed.
constexpr const char* kInitCommand = "SET time_zone = '+00:00', session_track_state_change = ON";
constexpr size_t kBulkRowsPerStatement = 500;
constexpr size_t kMaxPlaceholders = 65535;

struct ResultDeleter {
    void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};

class CatalogSink final : public RowSink {
public:
    Status OnColumns(std::vector<Column>) override { return Status::Ok(); }
    bool OnRow(Row&& row) override {
        rows.push_back(std::move(row));
        return true;
    }
    std::vector<Row> rows;
};

Value Text(const std::string& s) {
    Value v;
    v.set_text_value(s);
    return v;
}

std::string AsText(const Value& v) {
    if (v.has_text_value()) return v.text_value();
    if (v.has_bytes_value()) return v.bytes_value();
    return "";
}

bool IsConnectionLost(unsigned err) {
    return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
           err == CR_CONN_HOST_ERROR || err == ER_CONNECTION_KILLED || err == ER_SERVER_SHUTDOWN;
}

}  // namespace

StatusOr<MYSQL*> MariaDbConnection::Connect(const ConnectParams& params) {
    MYSQL* mysql = mysql_init(nullptr);
    if (mysql == nullptr) return ResourceExhaustedError("mysql_init failed: out of memory");
    const unsigned timeout = static_cast<unsigned>(std::max<int64_t>(1, (params.options.connect_timeout.count() + 999) / 1000));
    mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(mysql, MYSQL_INIT_COMMAND, kInitCommand);
    if (params.options.tls) {
        const my_bool enforce = 1;
        mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
    }
    const std::string& user = params.options.user.empty() ? params.dsn.user : params.options.user;
    const auto& d = params.dsn;
    if (!mysql_real_connect(mysql, d.socket.empty() ? d.host.c_str() : nullptr, user.c_str(),
                            params.options.password.c_str(), d.database.empty() ? nullptr : d.database.c_str(), d.port,
                            d.socket.empty() ? nullptr : d.socket.c_str(), CLIENT_FOUND_ROWS)) {
        std::string why = mysql_error(mysql);
        const unsigned err = mysql_errno(mysql);
        mysql_close(mysql);
        return UnavailableError("cannot connect to MariaDB database '" + params.options.database + "': " + why)
            .WithReason("DATABASE_UNAVAILABLE")
            .WithMetadata("errno", std::to_string(err));
    }
    return mysql;
}

StatusOr<std::unique_ptr<Connection>> MariaDbConnection::Open(std::shared_ptr<const ConnectParams> params) {
    GANTRY_ASSIGN_OR_RETURN(MYSQL * mysql, Connect(*params));
    return std::unique_ptr<Connection>(new MariaDbConnection(mysql, std::move(params)));
}

MariaDbConnection::MariaDbConnection(MYSQL* mysql, std::shared_ptr<const ConnectParams> params)
    : mysql_(mysql),
      params_(std::move(params)),
      thread_id_(mysql_thread_id(mysql)),
      cache_(params_->options.statement_cache, params_->options.cache_counters,
             [](MYSQL_STMT*& s) { mysql_stmt_close(s); }) {}

MariaDbConnection::~MariaDbConnection() {
    cache_.Clear();
    mysql_close(mysql_);
}

Status MariaDbConnection::Error(unsigned err, const char* sqlstate, const char* message) {
    if (IsConnectionLost(err)) broken_ = true;
    const std::string text = "database '" + params_->options.database + "': " + message;
    Status st;
    switch (err) {
        case ER_DUP_ENTRY:
        case ER_DUP_ENTRY_WITH_KEY_NAME: st = AlreadyExistsError(text).WithReason("UNIQUE_VIOLATION"); break;
        case ER_LOCK_DEADLOCK: st = AbortedError(text).WithReason("DEADLOCK_DETECTED"); break;
        case ER_LOCK_WAIT_TIMEOUT: st = AbortedError(text).WithReason("LOCK_WAIT_TIMEOUT"); break;
        case ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION:
            st = PermissionDeniedError(text).WithReason("READ_ONLY_TRANSACTION");
            break;
        case ER_NO_SUCH_TABLE: st = NotFoundError(text).WithReason("UNDEFINED_TABLE"); break;
        case ER_QUERY_INTERRUPTED: st = CancelledError(text).WithReason("QUERY_CANCELED"); break;
        case ER_STATEMENT_TIMEOUT: st = DeadlineExceededError(text).WithReason("STATEMENT_TIMEOUT"); break;
        case ER_ROW_IS_REFERENCED_2:
        case ER_NO_REFERENCED_ROW_2: st = FailedPreconditionError(text).WithReason("FOREIGN_KEY_VIOLATION"); break;
        case ER_BAD_NULL_ERROR: st = FailedPreconditionError(text).WithReason("NOT_NULL_VIOLATION"); break;
        case ER_CONSTRAINT_FAILED: st = FailedPreconditionError(text).WithReason("CHECK_VIOLATION"); break;
        default:
            if (IsConnectionLost(err)) {
                st = UnavailableError("connection to MariaDB " + text).WithReason("CONNECTION_LOST");
            } else if (err >= CR_MIN_ERROR && err <= CR_MAX_ERROR) {
                broken_ = true;  // the client library's state for this connection is unknown: discard it
                st = InternalError("MariaDB client error on " + text).WithReason("CLIENT_ERROR");
            } else {
                st = SqlStateError(sqlstate ? sqlstate : "HY000", text);
            }
    }
    return std::move(st).WithMetadata("errno", std::to_string(err)).WithMetadata("sqlstate", sqlstate ? sqlstate : "");
}

Status MariaDbConnection::MysqlError() {
    return Error(mysql_errno(mysql_), mysql_sqlstate(mysql_), mysql_error(mysql_));
}

Status MariaDbConnection::StmtError(MYSQL_STMT* stmt) {
    return Error(mysql_stmt_errno(stmt), mysql_stmt_sqlstate(stmt), mysql_stmt_error(stmt));
}

void MariaDbConnection::NoteSessionState() {
    if (mysql_->server_status & SERVER_SESSION_STATE_CHANGED) session_dirty_ = true;
}

Status MariaDbConnection::Query(const std::string& sql) {
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return MysqlError();
    NoteSessionState();
    // Drain any result so the connection is ready for the next command.
    do {
        if (MYSQL_RES* r = mysql_store_result(mysql_)) mysql_free_result(r);
    } while (mysql_next_result(mysql_) == 0);
    return Status::Ok();
}

StatusOr<MYSQL_STMT*> MariaDbConnection::Prepare(const std::string& sql) {
    if (auto* cached = cache_.Find(sql)) return *cached;
    MYSQL_STMT* stmt = mysql_stmt_init(mysql_);
    if (stmt == nullptr) return ResourceExhaustedError("mysql_stmt_init failed: out of memory");
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
        auto st = StmtError(stmt);
        mysql_stmt_close(stmt);
        return st;
    }
    return cache_.Insert(sql, stmt);
}

Status MariaDbConnection::FetchRows(MYSQL_STMT* stmt, MYSQL_RES* meta, RowSink& sink) {
    const unsigned n = mysql_num_fields(meta);
    MYSQL_FIELD* fields = mysql_fetch_fields(meta);
    std::vector<Column> columns(n);
    std::vector<FetchAs> kinds(n);
    for (unsigned i = 0; i < n; ++i) {
        columns[i].set_name(std::string(fields[i].name, fields[i].name_length));
        columns[i].set_type(ColumnType(fields[i]));
        columns[i].set_database_type(ColumnTypeName(fields[i]));
        columns[i].set_nullable(!(fields[i].flags & NOT_NULL_FLAG));
        kinds[i] = FetchKind(fields[i]);
    }
    GANTRY_RETURN_IF_ERROR(sink.OnColumns(std::move(columns)));

    std::vector<MYSQL_BIND> binds(n);
    std::vector<long long> ints(n);
    std::vector<double> doubles(n);
    std::vector<unsigned long> lengths(n);
    std::vector<my_bool> nulls(n);
    for (unsigned i = 0; i < n; ++i) {
        auto& b = binds[i];
        b.length = &lengths[i];
        b.is_null = &nulls[i];
        if (kinds[i] == FetchAs::kInt) {
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &ints[i];
            b.is_unsigned = (fields[i].flags & UNSIGNED_FLAG) != 0;
        } else if (kinds[i] == FetchAs::kDouble) {
            b.buffer_type = MYSQL_TYPE_DOUBLE;
            b.buffer = &doubles[i];
        } else {
            b.buffer_type = MYSQL_TYPE_STRING;  // length learned per row, fetched with mysql_stmt_fetch_column
            b.buffer = nullptr;
            b.buffer_length = 0;
        }
    }
    if (mysql_stmt_bind_result(stmt, binds.data()) != 0) return StmtError(stmt);
    std::string bytes;
    bool wanted = true;
    Status error;
    while (true) {
        const int rc = mysql_stmt_fetch(stmt);
        if (rc == MYSQL_NO_DATA) break;
        if (rc == 1) return StmtError(stmt);
        if (!wanted || !error.ok()) continue;  // drain what the server still sends
        Row row;
        for (unsigned i = 0; i < n; ++i) {
            auto* v = row.add_values();
            if (nulls[i]) {
                v->set_null_value(google::protobuf::NULL_VALUE);
            } else if (kinds[i] == FetchAs::kInt) {
                *v = DecodeInt(fields[i], ints[i]);
            } else if (kinds[i] == FetchAs::kDouble) {
                v->set_double_value(doubles[i]);
            } else {
                bytes.resize(lengths[i]);
                MYSQL_BIND column{};
                column.buffer_type = MYSQL_TYPE_STRING;
                column.buffer = bytes.data();
                column.buffer_length = bytes.size();
                unsigned long got = 0;
                column.length = &got;
                if (lengths[i] > 0 && mysql_stmt_fetch_column(stmt, &column, i, 0) != 0) return StmtError(stmt);
                auto decoded = DecodeBytes(fields[i], std::string_view(bytes.data(), lengths[i]));
                if (!decoded.ok()) {
                    error = decoded.status();
                    break;
                }
                *v = std::move(*decoded);
            }
        }
        if (error.ok()) wanted = sink.OnRow(std::move(row));
    }
    return error;
}

StatusOr<ExecResult> MariaDbConnection::Run(MYSQL_STMT* stmt, const std::vector<Value>& params, RowSink& sink) {
    ParamBuffers buffers;
    BindParams(params, buffers);
    if (!params.empty() && mysql_stmt_bind_param(stmt, buffers.binds.data()) != 0) return StmtError(stmt);
    if (mysql_stmt_execute(stmt) != 0) return StmtError(stmt);
    NoteSessionState();
    ExecResult result;
    std::unique_ptr<MYSQL_RES, ResultDeleter> meta(mysql_stmt_result_metadata(stmt));
    if (meta) {
        auto st = FetchRows(stmt, meta.get(), sink);
        mysql_stmt_free_result(stmt);
        GANTRY_RETURN_IF_ERROR(st);
    } else {
        result.rows_affected = static_cast<int64_t>(mysql_stmt_affected_rows(stmt));
        if (const auto id = mysql_stmt_insert_id(stmt); id != 0) result.last_insert_id = static_cast<int64_t>(id);
    }
    while (mysql_stmt_next_result(stmt) == 0) mysql_stmt_free_result(stmt);  // procedure results beyond the first
    NoteSessionState();
    return result;
}

StatusOr<ExecResult> MariaDbConnection::Execute(const std::string& sql, const std::vector<Value>& params,
                                                RowSink& sink) {
    for (int attempt = 0;; ++attempt) {
        GANTRY_ASSIGN_OR_RETURN(MYSQL_STMT * stmt, Prepare(sql));
        const auto expected = mysql_stmt_param_count(stmt);
        if (expected != params.size()) {
            return InvalidArgumentError("the statement has " + std::to_string(expected) + " parameter placeholders but " +
                                        std::to_string(params.size()) + " values were given")
                .WithReason("PARAMETER_COUNT_MISMATCH");
        }
        auto result = Run(stmt, params, sink);
        const unsigned err = mysql_stmt_errno(stmt);
        // The server forgot the statement, wants it prepared again, or its result shape changed (after DDL):
        // prepare once more, fresh.
        const bool stale = err == ER_UNKNOWN_STMT_HANDLER || err == ER_NEED_REPREPARE || err == CR_NEW_STMT_METADATA;
        if (result.ok() || attempt > 0 || !stale) return result;
        broken_ = false;  // a stale statement is not a broken connection
        cache_.Erase(sql, false);
        if (params_->options.cache_counters) params_->options.cache_counters->reprepares.fetch_add(1);
    }
}

Status MariaDbConnection::Begin(const TransactionOptions& options) {
    const char* level = nullptr;
    switch (options.isolation) {
        case Isolation::kReadUncommitted: level = "READ UNCOMMITTED"; break;
        case Isolation::kReadCommitted: level = "READ COMMITTED"; break;
        case Isolation::kRepeatableRead: level = "REPEATABLE READ"; break;
        case Isolation::kSerializable: level = "SERIALIZABLE"; break;
        case Isolation::kDefault: break;
    }
    if (level) GANTRY_RETURN_IF_ERROR(Query(std::string("SET TRANSACTION ISOLATION LEVEL ") + level));
    return Query(options.read_only ? "START TRANSACTION READ ONLY" : "START TRANSACTION");
}

Status MariaDbConnection::Commit() { return Query("COMMIT"); }
Status MariaDbConnection::Rollback() { return Query("ROLLBACK"); }

Status MariaDbConnection::Reset() {
    if (mysql_->server_status & SERVER_STATUS_IN_TRANS) GANTRY_RETURN_IF_ERROR(Query("ROLLBACK"));
    if (!session_dirty_ || !params_->options.session_reset) return Status::Ok();
    // The session's state changed (SET, temporary tables, user variables...): reset it. The reset also
    // closes the server's prepared statements, so the cache starts over.
    cache_.Clear();
    if (mysql_reset_connection(mysql_) != 0) return MysqlError();
    GANTRY_RETURN_IF_ERROR(Query(kInitCommand));
    session_dirty_ = false;  // the init command's own SETs are the clean state
    return Status::Ok();
}

Status MariaDbConnection::Ping() {
    if (mysql_ping(mysql_) != 0) return MysqlError();
    return Status::Ok();
}

void MariaDbConnection::Cancel() {
    // KILL QUERY needs a second connection; it is short-lived and only made when a cancel is needed.
    auto killer = Connect(*params_);
    if (!killer.ok()) {
        spdlog::warn("database '{}': cannot cancel a statement: {}", params_->options.database, killer.status().message());
        return;
    }
    const std::string sql = "KILL QUERY " + std::to_string(thread_id_);
    if (mysql_real_query(*killer, sql.data(), sql.size()) != 0) {
        spdlog::warn("database '{}': KILL QUERY failed: {}", params_->options.database, mysql_error(*killer));
    }
    mysql_close(*killer);
}

StatusOr<std::vector<TableEntry>> MariaDbConnection::ListTables(const std::string& schema) {
    CatalogSink sink;
    GANTRY_RETURN_IF_ERROR(
        Execute("SELECT table_schema, table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END "
                "FROM information_schema.tables WHERE table_schema = COALESCE(NULLIF(?, ''), DATABASE()) "
                "ORDER BY table_name",
                {Text(schema)}, sink)
            .status());
    std::vector<TableEntry> out;
    for (const auto& r : sink.rows) out.push_back({AsText(r.values(0)), AsText(r.values(1)), AsText(r.values(2))});
    return out;
}

StatusOr<std::vector<ColumnEntry>> MariaDbConnection::DescribeTable(const std::string& table) {
    CatalogSink sink;
    const auto [schema, name] = SplitQualifiedName(table);
    GANTRY_RETURN_IF_ERROR(
        Execute("SELECT column_name, column_type, is_nullable = 'YES', COALESCE(column_default, ''), "
                "column_key = 'PRI', data_type FROM information_schema.columns "
                "WHERE table_schema = COALESCE(NULLIF(?, ''), DATABASE()) AND table_name = ? ORDER BY ordinal_position",
                {Text(schema), Text(name)}, sink)
            .status());
    std::vector<ColumnEntry> out;
    for (const auto& r : sink.rows) {
        ColumnEntry c;
        c.name = AsText(r.values(0));
        c.database_type = AsText(r.values(1));
        c.nullable = r.values(2).int64_value() != 0;
        c.default_value = AsText(r.values(3));
        c.primary_key = r.values(4).int64_value() != 0;
        const std::string type = AsText(r.values(5));
        const bool is_unsigned = c.database_type.find("unsigned") != std::string::npos;
        if (type == "tinyint" || type == "smallint" || type == "mediumint" || type == "int" || type == "year" ||
            (type == "bigint" && !is_unsigned)) {
            c.type = common::v1::VALUE_TYPE_INT64;
        } else if (type == "bigint" || type == "decimal") {
            c.type = common::v1::VALUE_TYPE_DECIMAL;
        } else if (type == "float" || type == "double") {
            c.type = common::v1::VALUE_TYPE_DOUBLE;
        } else if (type == "date") {
            c.type = common::v1::VALUE_TYPE_DATE;
        } else if (type == "time") {
            c.type = common::v1::VALUE_TYPE_TIME;
        } else if (type == "datetime" || type == "timestamp") {
            c.type = common::v1::VALUE_TYPE_TIMESTAMP;
        } else if (type.find("blob") != std::string::npos || type.find("binary") != std::string::npos ||
                   type == "bit") {
            c.type = common::v1::VALUE_TYPE_BYTES;
        } else if (type == "uuid") {
            c.type = common::v1::VALUE_TYPE_UUID;
        } else if (type == "json") {
            c.type = common::v1::VALUE_TYPE_JSON;
        } else {
            c.type = common::v1::VALUE_TYPE_TEXT;
        }
        out.push_back(std::move(c));
    }
    return out;
}

StatusOr<int64_t> MariaDbConnection::BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                                RowSource& rows) {
    const size_t per_statement = std::max<size_t>(1, std::min(kBulkRowsPerStatement, kMaxPlaceholders / columns.size()));
    std::string head = "INSERT INTO " + QuoteQualifiedName(Dialect::kMariaDb, table) + " (";
    std::string tuple = "(";
    for (size_t i = 0; i < columns.size(); ++i) {
        head += (i ? ", " : "") + QuoteIdentifier(Dialect::kMariaDb, columns[i]);
        tuple += i ? ", ?" : "?";
    }
    head += ") VALUES ";
    tuple += ")";
    auto statement_for = [&](size_t row_count) {
        std::string sql = head;
        for (size_t r = 0; r < row_count; ++r) sql += (r ? ", " : "") + tuple;
        return sql;
    };
    const bool own_transaction = !(mysql_->server_status & SERVER_STATUS_IN_TRANS);
    if (own_transaction) GANTRY_RETURN_IF_ERROR(Query("START TRANSACTION"));
    auto fail = [&](Status st) {
        if (own_transaction && !broken_) (void)Query("ROLLBACK");
        return st;
    };
    std::vector<Value> batch;
    batch.reserve(per_statement * columns.size());
    int64_t count = 0;
    size_t batch_rows = 0;
    CatalogSink none;
    auto flush = [&]() -> Status {
        if (batch_rows == 0) return Status::Ok();
        auto done = Execute(statement_for(batch_rows), batch, none);
        if (!done.ok()) return done.status();
        count += static_cast<int64_t>(batch_rows);
        batch.clear();
        batch_rows = 0;
        return Status::Ok();
    };
    Row row;
    Status bad;
    while (rows.Next(row, bad)) {
        for (auto& v : *row.mutable_values()) batch.push_back(std::move(v));
        if (++batch_rows == per_statement) {
            if (auto st = flush(); !st.ok()) return fail(st);
        }
    }
    if (!bad.ok()) return fail(bad);
    if (auto st = flush(); !st.ok()) return fail(st);
    if (own_transaction) GANTRY_RETURN_IF_ERROR(Query("COMMIT"));
    return count;
}

}  // namespace gantry::db::mariadb
