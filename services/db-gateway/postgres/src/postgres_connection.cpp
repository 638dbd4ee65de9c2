#include "postgres_connection.hpp"

#include <spdlog/spdlog.h>

#include <string_view>

#include "gantry/db/identifiers.hpp"
#include "gantry/db/parameters.hpp"
#include "gantry/db/sql_errors.hpp"
#include "pg_session.hpp"
#include "pg_types.hpp"

namespace gantry::db::pg {
namespace {

// Everything a client can change in a session, undone before the next borrower (DISCARD ALL minus
// DEALLOCATE ALL, which would drop the statement cache). Runs as one implicit transaction.
constexpr const char* kResetSql =
    "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); "
    "DISCARD TEMP; DISCARD SEQUENCES";

// Session defaults every connection starts with, so values print in the forms the decoder reads.
constexpr const char* kSessionOptions =
    "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c extra_float_digits=3 "
    "-c bytea_output=hex";

// Session settings the server reports to the client whenever they change: a change made where the SQL
// text does not show it (a function, a view) still triggers the reset.
constexpr std::array<const char*, 8> kReportedParameters = {
    "DateStyle", "TimeZone", "IntervalStyle", "session_authorization", "is_superuser", "application_name",
    "client_encoding", "default_transaction_read_only"};

constexpr size_t kCopyBufferBytes = 256 * 1024;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

const char* IsolationSql(Isolation isolation) {
    switch (isolation) {
        case Isolation::kReadUncommitted: return " ISOLATION LEVEL READ UNCOMMITTED";
        case Isolation::kReadCommitted: return " ISOLATION LEVEL READ COMMITTED";
        case Isolation::kRepeatableRead: return " ISOLATION LEVEL REPEATABLE READ";
        case Isolation::kSerializable: return " ISOLATION LEVEL SERIALIZABLE";
        case Isolation::kDefault: break;
    }
    return "";
}

// After the limit: rows read and thrown away before the rest is cancelled (when the sink allows it). A short
// overflow costs less to read than a cancel request, which opens a connection to the server.
constexpr int64_t kRowsDrainedBeforeCancel = 1000;

// Looks up, for each result column at once: the catalog's name of its type (RowDescription already gives a
// domain's base type), and whether its origin table column (RowDescription's table OID and column number) is
// NOT NULL in a plain or partitioned table (a foreign table's NOT NULL is not enforced on the remote data; a
// view's columns never say NOT NULL).
// Catalog names are qualified, so a caller's search_path cannot redirect them.
constexpr const char* kColumnCatalogSql =
    "SELECT COALESCE(pg_catalog.format_type(t.oid, NULL), ''), "
    "COALESCE(a.attnotnull AND r.relkind IN ('r', 'p'), false) "
    "FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.oid[]), pg_catalog.unnest($2::pg_catalog.oid[]), "
    "pg_catalog.unnest($3::pg_catalog.int2[])) WITH ORDINALITY AS c(typ, rel, att, n) "
    "LEFT JOIN pg_catalog.pg_type t ON t.oid = c.typ LEFT JOIN pg_catalog.pg_class r ON r.oid = c.rel "
    "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.rel AND a.attnum = c.att ORDER BY c.n";

std::vector<Column> Columns(PGresult* result, const Prepared& stmt) {
    const int n = PQnfields(result);
    const bool learned = stmt.not_null.size() == static_cast<size_t>(n);
    std::vector<Column> columns(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        auto& c = columns[static_cast<size_t>(i)];
        const Oid oid = PQftype(result, i);
        const auto at = static_cast<size_t>(i);
        c.set_name(PQfname(result, i));
        c.set_type(Describe(oid).type);
        c.set_database_type(learned && !stmt.type_names[at].empty() ? stmt.type_names[at] : TypeName(oid));
        c.set_nullable(!(learned && stmt.not_null[at]));
    }
    return columns;
}

// `types` holds Describe() of each column, looked up once per result set.
StatusOr<Row> ReadRow(PGresult* result, int row, const std::vector<PgType>& types) {
    Row out;
    const int n = PQnfields(result);
    out.mutable_values()->Reserve(n);
    for (int i = 0; i < n; ++i) {
        auto* v = out.add_values();
        if (PQgetisnull(result, row, i)) {
            v->set_null_value(google::protobuf::NULL_VALUE);
            continue;
        }
        const auto oid = PQftype(result, i);
        const auto& type = static_cast<size_t>(i) < types.size() ? types[static_cast<size_t>(i)] : Describe(oid);
        const std::string_view text(PQgetvalue(result, row, i), static_cast<size_t>(PQgetlength(result, row, i)));
        GANTRY_ASSIGN_OR_RETURN(*v, Decode(type, oid, text));
    }
    return out;
}

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

}  // namespace

StatusOr<std::unique_ptr<Connection>> PostgresConnection::Open(const DriverOptions& options) {
    const std::string timeout = std::to_string(std::max<int64_t>(1, (options.connect_timeout.count() + 999) / 1000));
    std::vector<const char*> keys = {"dbname", "connect_timeout", "options", "application_name", "client_encoding"};
    std::vector<const char*> values = {options.dsn.c_str(), timeout.c_str(), kSessionOptions, "gantry-db-gateway",
                                       "UTF8"};
    if (!options.user.empty()) {
        keys.push_back("user");
        values.push_back(options.user.c_str());
    }
    if (!options.password.empty()) {
        keys.push_back("password");
        values.push_back(options.password.c_str());
    }
    if (options.tls) {
        keys.push_back("sslmode");
        values.push_back("require");
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* conn = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
        std::string why = conn ? PQerrorMessage(conn) : "out of memory";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        PQfinish(conn);
        return UnavailableError("cannot connect to PostgreSQL database '" + options.database + "': " + why)
            .WithReason("DATABASE_UNAVAILABLE");
    }
    return std::unique_ptr<Connection>(new PostgresConnection(conn, options));
}

PostgresConnection::PostgresConnection(PGconn* conn, const DriverOptions& options)
    : conn_(conn),
      cancel_(PQgetCancel(conn)),
      database_(options.database),
      counters_(options.cache_counters),
      session_reset_(options.session_reset),
      cache_(options.statement_cache, options.cache_counters, [this](Prepared& p) {
          // Best effort: a failure only leaves a statement on a server connection that will close.
          if (!broken()) (void)Command("DEALLOCATE \"" + p.name + "\"");
      }) {
    for (size_t i = 0; i < kReportedParameters.size(); ++i) {
        const char* value = PQparameterStatus(conn_, kReportedParameters[i]);
        reported_[i] = value ? value : "";
    }
}

bool PostgresConnection::ReportedParametersChanged() const {
    for (size_t i = 0; i < kReportedParameters.size(); ++i) {
        const char* value = PQparameterStatus(conn_, kReportedParameters[i]);
        if (reported_[i] != (value ? value : "")) return true;
    }
    return false;
}

PostgresConnection::~PostgresConnection() {
    cache_.Forget();  // the server frees them with the session
    PQfreeCancel(cancel_);
    PQfinish(conn_);
}

bool PostgresConnection::broken() const { return unusable_ || PQstatus(conn_) != CONNECTION_OK; }

void PostgresConnection::Cancel() {
    char error[256];
    if (!PQcancel(cancel_, error, sizeof error)) spdlog::warn("database '{}': cancel request failed: {}", database_, error);
}

Status PostgresConnection::ConnectionError(const std::string& what) {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return UnavailableError("connection to PostgreSQL database '" + database_ + "' lost during " + what + ": " + why)
        .WithReason("CONNECTION_LOST")
        .WithMetadata("database", database_);
}

Status PostgresConnection::ResultError(PGresult* result, std::string* sqlstate) {
    if (broken()) return ConnectionError("a statement");
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    if (sqlstate) *sqlstate = state ? state : "";
    return SqlStateError(state ? state : "XX000", "database '" + database_ + "': " + message);
}

Status PostgresConnection::Settle() {
    if (!reset_pending_) return Status::Ok();
    reset_pending_ = false;
    Status st;
    while (Result r{PQgetResult(conn_)}) {
        const auto status = PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && st.ok()) st = ResultError(r.get());
    }
    if (broken()) return ConnectionError("the session reset");
    return st;
}

StatusOr<std::string> PostgresConnection::Command(const std::string& sql) {
    GANTRY_RETURN_IF_ERROR(Settle());
    Result r{PQexec(conn_, sql.c_str())};
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ResultError(r.get());
    return std::string(PQcmdStatus(r.get()));
}

StatusOr<Prepared*> PostgresConnection::Prepare(const std::string& sql) {
    if (auto* cached = cache_.Find(sql)) return cached;
    Prepared p;
    p.name = "gantry_" + std::to_string(++next_statement_);
    Result prepared{PQprepare(conn_, p.name.c_str(), sql.c_str(), 0, nullptr)};
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return ResultError(prepared.get());
    Result described{PQdescribePrepared(conn_, p.name.c_str())};
    if (!described || PQresultStatus(described.get()) != PGRES_COMMAND_OK) return ResultError(described.get());
    p.param_count = PQnparams(described.get());
    p.may_change_session = MayChangeSessionState(sql);
    // A failed lookup leaves the statement reporting its columns as the result describes them (nullable, names
    // of built-in types). Outside a transaction block that is all; inside one the failure aborted the
    // transaction, so it is the call's.
    auto learned = LearnColumns(sql, described.get(), p);
    if (!learned.ok()) {
        p = Prepared{p.name, p.param_count, {}, {}, p.may_change_session};
        if (PQtransactionStatus(conn_) == PQTRANS_IDLE && !broken()) {
            spdlog::warn("database '{}': column metadata lookup failed: {}", database_, learned.message());
            learned = Status::Ok();
        }
    }
    auto* stored = &cache_.Insert(sql, std::move(p));
    if (!learned.ok()) return learned;
    return stored;
}

Status PostgresConnection::LearnColumns(const std::string& sql, PGresult* described, Prepared& p) {
    const int n = PQnfields(described);
    // A NOT NULL origin column is only a promise when nothing in the statement can put NULL into it.
    const bool origins_hold = !MayNullOriginColumns(Dialect::kPostgres, sql);
    bool needed = false;
    std::string types = "{", tables = "{", attnums = "{";
    for (int i = 0; i < n; ++i) {
        const Oid type = PQftype(described, i);
        const Oid table = origins_hold ? PQftable(described, i) : InvalidOid;
        needed = needed || table != InvalidOid || Describe(type).name.empty();
        const char* sep = i ? "," : "";
        types += sep + std::to_string(type);
        tables += sep + std::to_string(table);
        attnums += sep + std::to_string(table != InvalidOid ? PQftablecol(described, i) : 0);
    }
    if (!needed) return Status::Ok();
    types += '}';
    tables += '}';
    attnums += '}';
    const char* values[] = {types.c_str(), tables.c_str(), attnums.c_str()};
    Result r{PQexecParams(conn_, kColumnCatalogSql, 3, nullptr, values, nullptr, nullptr, 0)};
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) return ResultError(r.get());
    if (PQntuples(r.get()) != n) return Status::Ok();  // cannot happen; the columns stay as the result says
    for (int i = 0; i < n; ++i) {
        p.type_names.emplace_back(Describe(PQftype(described, i)).name.empty() ? PQgetvalue(r.get(), i, 0) : "");
        p.not_null.push_back(PQgetvalue(r.get(), i, 1)[0] == 't');
    }
    return Status::Ok();
}

bool PostgresConnection::SendPrepared(const Prepared& stmt, const std::vector<Value>& params) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    std::vector<int> formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        const auto& p = params[i];
        if (p.has_null_value()) continue;  // values[i] stays nullptr = NULL
        if (p.has_bytes_value()) {
            values[i] = p.bytes_value().data();
            lengths[i] = static_cast<int>(p.bytes_value().size());
            formats[i] = 1;
        } else {
            texts[i] = EncodeText(p);
            values[i] = texts[i].c_str();
            lengths[i] = static_cast<int>(texts[i].size());
        }
    }
    return PQsendQueryPrepared(conn_, stmt.name.c_str(), static_cast<int>(params.size()), values.data(),
                               lengths.data(), formats.data(), 0) == 1;
}

StatusOr<ExecResult> PostgresConnection::Run(const Prepared& stmt, const std::vector<Value>& params, RowSink& sink,
                                             std::string* sqlstate) {
    if (!SendPrepared(stmt, params)) return ConnectionError("sending a statement");
    PQsetSingleRowMode(conn_);
    return ReadResults(stmt, sink, sqlstate);
}

StatusOr<ExecResult> PostgresConnection::ReadResults(const Prepared& stmt, RowSink& sink, std::string* sqlstate) {
    ExecResult result;
    Status error;
    bool columns_sent = false;
    bool want_rows = true;
    int64_t drained = 0;  // rows read and dropped after the sink stopped
    bool cancel_sent = false;
    std::vector<PgType> types;
    while (Result r{PQgetResult(conn_)}) {
        if (PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC) {  // cannot happen: a statement's results end first
            unusable_ = true;
            return ConnectionError("a statement (the pipeline is out of step)");
        }
        switch (PQresultStatus(r.get())) {
            case PGRES_SINGLE_TUPLE:
            case PGRES_TUPLES_OK:
                if (!columns_sent && error.ok()) {
                    columns_sent = true;
                    error = sink.OnColumns(Columns(r.get(), stmt));
                    for (int i = 0; i < PQnfields(r.get()); ++i) types.push_back(Describe(PQftype(r.get(), i)));
                }
                if (!want_rows || !error.ok()) {
                    // Past the sink's limit: cancel the rest when the caller allows it and it is not short.
                    drained += PQntuples(r.get());
                    if (!cancel_sent && error.ok() && drained > kRowsDrainedBeforeCancel && sink.may_cancel_rest()) {
                        Cancel();
                        cancel_sent = true;
                    }
                    break;
                }
                for (int row = 0; want_rows && error.ok() && row < PQntuples(r.get()); ++row) {
                    auto decoded = ReadRow(r.get(), row, types);
                    if (!decoded.ok()) {
                        error = decoded.status();
                        break;
                    }
                    want_rows = sink.OnRow(std::move(*decoded));
                }
                break;
            case PGRES_COMMAND_OK: {
                const char* tuples = PQcmdTuples(r.get());
                result.rows_affected = tuples && *tuples ? std::atoll(tuples) : 0;
                break;
            }
            default: {
                // Our own cancel of the unwanted rest ends the statement with query_canceled: that is success.
                const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
                if (cancel_sent && error.ok() && state && std::string_view(state) == "57014") break;
                if (error.ok()) error = ResultError(r.get(), sqlstate);
            }
        }
    }
    // PQcancel returns once the server has signalled the backend, and the statement's results were read to
    // the end after that, so the cancel cannot reach a statement sent later on this connection: it stays usable.
    // (It can reach one already sent in the same pipeline: see RunReadOnly.)
    result.rest_cancelled = cancel_sent;
    if (broken()) return ConnectionError("a statement");
    if (!error.ok()) return error;
    return result;
}

StatusOr<ExecResult> PostgresConnection::RunReadOnly(const Prepared& stmt, const std::vector<Value>& params,
                                                     RowSink& sink, std::string* sqlstate) {
    // BEGIN READ ONLY, the statement, a sync point, COMMIT and a sync point go out together: one round trip.
    // After a failed statement the server skips what follows up to the next sync point; the COMMIT after it
    // still runs and ends the aborted transaction (answering ROLLBACK), so every path ends outside a
    // transaction without waiting for the statement's outcome to choose between COMMIT and ROLLBACK. A failed
    // BEGIN makes the server skip the statement: it never runs outside the read-only transaction.
    if (PQenterPipelineMode(conn_) != 1) {
        unusable_ = true;
        return ConnectionError("entering pipeline mode");
    }
    const bool sent = PQsendQueryParams(conn_, "BEGIN READ ONLY", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                      SendPrepared(stmt, params) && PQpipelineSync(conn_) == 1 &&
                      PQsendQueryParams(conn_, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                      PQpipelineSync(conn_) == 1;
    if (!sent) {
        unusable_ = true;  // part of the pipeline may be queued: this connection cannot serve another call
        return ConnectionError("sending a read-only statement");
    }
    const Status begun = PipelinedCommand(nullptr, nullptr);
    PQsetSingleRowMode(conn_);
    auto result = ReadResults(stmt, sink, sqlstate);
    if (broken()) return ConnectionError("a read-only statement");
    std::string tag, commit_state;
    const bool synced = PipelineSync();
    const Status committed = synced ? PipelinedCommand(&tag, &commit_state) : Status::Ok();
    if (!synced || !PipelineSync() || PQexitPipelineMode(conn_) != 1) {
        unusable_ = true;
        return ConnectionError("a read-only statement (the pipeline is out of step)");
    }
    // A cancel (ours of the rest of the result, or the watchdog's) can reach the COMMIT, which was sent with
    // the statement: the transaction is then still open, aborted.
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) GANTRY_RETURN_IF_ERROR(Command("ROLLBACK").status());
    if (!begun.ok()) return begun;
    if (!result.ok()) return result;
    if (result->rest_cancelled) {
        // The statement's own end by our cancel aborted the transaction (COMMIT answered ROLLBACK), or the
        // cancel came late and stopped the COMMIT: either way nothing is lost, the transaction could not write.
        if (!committed.ok() && commit_state != "57014") return committed;
        return result;
    }
    GANTRY_RETURN_IF_ERROR(committed);
    GANTRY_RETURN_IF_ERROR(CommitTagError(tag));
    return result;
}

Status PostgresConnection::PipelinedCommand(std::string* tag, std::string* sqlstate) {
    Status st;
    while (Result r{PQgetResult(conn_)}) {
        const auto status = PQresultStatus(r.get());
        if (status == PGRES_PIPELINE_SYNC) {  // cannot happen: a command's results end first
            unusable_ = true;
            return ConnectionError("a command (the pipeline is out of step)");
        }
        if (status == PGRES_COMMAND_OK) {
            if (tag) *tag = PQcmdStatus(r.get());
        } else if (status != PGRES_PIPELINE_ABORTED && st.ok()) {  // skipped after a failure, reported by now
            st = ResultError(r.get(), sqlstate);
        }
    }
    return st;
}

bool PostgresConnection::PipelineSync() {
    Result r{PQgetResult(conn_)};
    return r && PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC;
}

template <typename RunFn>
StatusOr<ExecResult> PostgresConnection::PrepareAndRun(const std::string& sql, const std::vector<Value>& params,
                                                       RunFn run) {
    GANTRY_RETURN_IF_ERROR(Settle());
    for (int attempt = 0;; ++attempt) {
        GANTRY_ASSIGN_OR_RETURN(Prepared * stmt, Prepare(sql));
        if (stmt->may_change_session) session_dirty_ = true;
        if (stmt->param_count != static_cast<int>(params.size())) {
            return InvalidArgumentError("the statement has " + std::to_string(stmt->param_count) +
                                        " parameter placeholders but " + std::to_string(params.size()) +
                                        " values were given")
                .WithReason("PARAMETER_COUNT_MISMATCH");
        }
        std::string sqlstate;
        auto result = run(*stmt, &sqlstate);
        // The server forgot the statement (26000), or its plan's result type changed (0A000 after ALTER):
        // prepare again, once, when no transaction was aborted by the failure.
        const bool gone = sqlstate == "26000" || (sqlstate == "0A000" && !result.ok() &&
                                                  result.status().message().find("cached plan") != std::string::npos);
        if (!gone || attempt > 0) return result;
        cache_.Erase(sql, sqlstate == "26000");
        if (counters_) counters_->reprepares.fetch_add(1, std::memory_order_relaxed);
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE) return result;
    }
}

StatusOr<ExecResult> PostgresConnection::Execute(const std::string& sql, const std::vector<Value>& params,
                                                 RowSink& sink) {
    return PrepareAndRun(sql, params, [&](const Prepared& stmt, std::string* sqlstate) {
        return Run(stmt, params, sink, sqlstate);
    });
}

StatusOr<ExecResult> PostgresConnection::ExecuteReadOnly(const std::string& sql, const std::vector<Value>& params,
                                                         RowSink& sink) {
    GANTRY_RETURN_IF_ERROR(Settle());
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {  // a pooled connection is reset to idle before reuse
        return InternalError("database '" + database_ + "': a read-only call found a transaction already open");
    }
    // The statement is prepared outside the transaction (on a cache miss), then runs with its BEGIN and
    // COMMIT in one pipeline. Its transaction ends with the call, so a statement the server forgot is
    // prepared again and the whole call retried (see PrepareAndRun).
    return PrepareAndRun(sql, params, [&](const Prepared& stmt, std::string* sqlstate) {
        return RunReadOnly(stmt, params, sink, sqlstate);
    });
}

Status PostgresConnection::Begin(const TransactionOptions& options) {
    std::string sql = std::string("BEGIN") + IsolationSql(options.isolation);
    if (options.read_only) sql += " READ ONLY";
    return Command(sql).status();
}

Status PostgresConnection::Commit() {
    GANTRY_ASSIGN_OR_RETURN(auto tag, Command("COMMIT"));
    return CommitTagError(tag);
}

Status PostgresConnection::CommitTagError(const std::string& tag) {
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
    if (tag == "ROLLBACK") {
        return AbortedError("database '" + database_ +
                            "': the transaction was rolled back instead of committed because a statement in it failed")
            .WithReason("TRANSACTION_ROLLED_BACK");
    }
    return Status::Ok();
}

Status PostgresConnection::Rollback() { return Command("ROLLBACK").status(); }

Status PostgresConnection::Reset() {
    GANTRY_RETURN_IF_ERROR(Settle());
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) GANTRY_RETURN_IF_ERROR(Command("ROLLBACK").status());
    if (!session_reset_) return Status::Ok();
    // Most calls run a plain SELECT: no reset for those (each reset is ~7 statements of server CPU and, at
    // low concurrency, a round trip the next caller of this connection waits for).
    if (!session_dirty_ && !ReportedParametersChanged()) return Status::Ok();
    if (!PQsendQuery(conn_, kResetSql)) return ConnectionError("the session reset");
    reset_pending_ = true;
    session_dirty_ = false;
    return Status::Ok();
}

Status PostgresConnection::Ping() { return Command("SELECT 1").status(); }

StatusOr<std::vector<TableEntry>> PostgresConnection::ListTables(const std::string& schema) {
    CatalogSink sink;
    GANTRY_RETURN_IF_ERROR(Execute("SELECT table_schema::text, table_name::text, CASE table_type WHEN 'VIEW' THEN "
                                   "'view' ELSE 'table' END FROM information_schema.tables WHERE table_schema = $1 "
                                   "ORDER BY table_name",
                                   {Text(schema.empty() ? "public" : schema)}, sink)
                               .status());
    std::vector<TableEntry> out;
    for (const auto& r : sink.rows) out.push_back({r.values(0).text_value(), r.values(1).text_value(), r.values(2).text_value()});
    return out;
}

StatusOr<std::vector<ColumnEntry>> PostgresConnection::DescribeTable(const std::string& table) {
    CatalogSink sink;
    GANTRY_RETURN_IF_ERROR(
        Execute("SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
                "COALESCE(pg_get_expr(d.adbin, d.adrelid), ''), "
                "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary "
                "AND a.attnum = ANY(i.indkey)), a.atttypid::int8 "
                "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                {Text(QuoteQualifiedName(Dialect::kPostgres, table))}, sink)
            .status());
    std::vector<ColumnEntry> out;
    for (const auto& r : sink.rows) {
        ColumnEntry c;
        c.name = r.values(0).text_value();
        c.database_type = r.values(1).text_value();
        c.nullable = r.values(2).bool_value();
        c.default_value = r.values(3).text_value();
        c.primary_key = r.values(4).bool_value();
        c.type = Describe(static_cast<Oid>(r.values(5).int64_value())).type;
        out.push_back(std::move(c));
    }
    return out;
}

StatusOr<int64_t> PostgresConnection::BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                                 RowSource& rows) {
    GANTRY_RETURN_IF_ERROR(Settle());
    session_dirty_ = true;  // triggers of the table may do anything
    std::string sql = "COPY " + QuoteQualifiedName(Dialect::kPostgres, table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + QuoteIdentifier(Dialect::kPostgres, columns[i]);
    sql += ") FROM STDIN";
    {
        Result r{PQexec(conn_, sql.c_str())};
        if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN) return ResultError(r.get());
    }
    std::string buffer;
    buffer.reserve(kCopyBufferBytes + 4096);
    auto flush = [&]() -> bool {
        if (buffer.empty()) return true;
        const bool ok = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
        buffer.clear();
        return ok;
    };
    int64_t count = 0;
    Row row;
    Status bad;
    bool sent = true;
    while (sent && rows.Next(row, bad)) {
        for (int i = 0; i < row.values_size(); ++i) {
            if (i) buffer.push_back('\t');
            AppendCopyField(buffer, row.values(i));
        }
        buffer.push_back('\n');
        ++count;
        if (buffer.size() >= kCopyBufferBytes) sent = flush();
    }
    if (!sent) return ConnectionError("COPY");
    if (bad.ok()) flush();
    // A bad row aborts the COPY, so nothing of it is kept.
    if (PQputCopyEnd(conn_, bad.ok() ? nullptr : bad.message().c_str()) != 1) return ConnectionError("COPY");
    Status st;
    while (Result r{PQgetResult(conn_)}) {
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && st.ok()) st = ResultError(r.get());
    }
    if (!bad.ok()) return bad;
    if (!st.ok()) return st;
    return count;
}

}  // namespace gantry::db::pg
