#include "gantry/db/gateway.hpp"

#include <spdlog/spdlog.h>

#include "gantry/db/parameters.hpp"
#include "gantry/db/querybuilder/build.hpp"
#include "gantry/db/result_sinks.hpp"

namespace gantry::db {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr auto kMaintenanceInterval = milliseconds(200);
constexpr int kDefaultChunkRows = 1000;

std::string DatabaseName(const std::string& requested) { return requested.empty() ? kDefaultDatabase : requested; }

v1::SqlDialect BuilderDialect(Dialect dialect) {
    switch (dialect) {
        case Dialect::kPostgres: return v1::SQL_DIALECT_POSTGRESQL;
        case Dialect::kMariaDb: return v1::SQL_DIALECT_MYSQL;
        case Dialect::kSqlite: return v1::SQL_DIALECT_SQLITE;
    }
    return v1::SQL_DIALECT_UNSPECIFIED;
}

TransactionOptions ToOptions(const v1::BeginTransactionRequest& req, Access access) {
    TransactionOptions o;
    o.read_only = req.read_only() || access == Access::kReadOnly;
    switch (req.isolation()) {
        case v1::ISOLATION_LEVEL_READ_UNCOMMITTED: o.isolation = Isolation::kReadUncommitted; break;
        case v1::ISOLATION_LEVEL_READ_COMMITTED: o.isolation = Isolation::kReadCommitted; break;
        case v1::ISOLATION_LEVEL_REPEATABLE_READ: o.isolation = Isolation::kRepeatableRead; break;
        case v1::ISOLATION_LEVEL_SERIALIZABLE: o.isolation = Isolation::kSerializable; break;
        default: break;
    }
    return o;
}

}  // namespace

// One call's connection. Pooled sessions that need it run inside their own transaction (read-only
// or atomic) which Finish commits or, on failure, rolls back.
class Gateway::Session final {
public:
    Session(Database& db, Lease lease, bool own_transaction)
        : db_(db), lease_(std::move(lease)), own_transaction_(own_transaction) {}
    Session(Database& db, std::shared_ptr<Transaction> tx, TransactionRegistry& registry)
        : db_(db), tx_(std::move(tx)), registry_(&registry) {}
    ~Session() {
        if (own_transaction_ && lease_ && !lease_->broken()) (void)lease_->Rollback();
        if (tx_) registry_->Unlock(*tx_);
    }

    Connection& conn() { return tx_ ? *tx_->lease : *lease_; }
    Database& db() { return db_; }

    /// Ends the call: commits its own transaction when everything succeeded.
    Status Finish(Status status) {
        if (own_transaction_ && lease_) {
            own_transaction_ = false;
            if (status.ok()) return lease_->Commit();
            if (!lease_->broken()) (void)lease_->Rollback();
        }
        return status;
    }

    /// After a failed statement: a lost connection feeds the breaker (and ends a pinned transaction);
    /// a cancelled one is not reused, since a late cancel could hit its next statement.
    void AfterFailure(const Status& status, bool cancelled) {
        if (conn().broken()) {
            db_.pool->ReportConnectionFailure(status.message());
            if (tx_) {
                registry_->Remove(*tx_, "its connection was lost (" + status.message() + ")");
                tx_->lease = Lease();
            }
        } else if (cancelled && lease_) {
            own_transaction_ = false;
            lease_.Discard();
        }
    }

private:
    Database& db_;
    Lease lease_;
    bool own_transaction_ = false;
    std::shared_ptr<Transaction> tx_;
    TransactionRegistry* registry_ = nullptr;
};

Gateway::Gateway(GatewayConfig config, std::map<std::string, DriverFactory> drivers, prometheus::Registry& registry)
    : config_(std::move(config)), drivers_(std::move(drivers)), metrics_(registry) {}

Gateway::~Gateway() { Stop(); }

Status Gateway::Start() {
    for (const auto& cfg : config_.databases) {
        auto factory = drivers_.find(cfg.driver);
        if (factory == drivers_.end()) {
            return InvalidArgumentError("database '" + cfg.name + "': driver '" + cfg.driver + "' is not built in");
        }
        Database db;
        db.config = cfg;
        db.cache_counters = std::make_unique<StatementCacheCounters>();
        db.config.driver_options.cache_counters = db.cache_counters.get();
        db.metrics = &metrics_.For(cfg.name);
        auto driver = factory->second(db.config.driver_options);
        if (!driver.ok()) return Status(driver.status()).Annotate("database '" + cfg.name + "': ");
        auto* wait = db.metrics->acquire_wait;
        db.pool = std::make_unique<Pool>(cfg.name, std::move(*driver), cfg.pool,
                                         PoolObserver{[wait](double s) { wait->Observe(s); }});
        databases_.emplace(cfg.name, std::move(db));
    }
    for (auto& [name, db] : databases_) {
        db.pool->Start();
        spdlog::info("database '{}': driver {}, pool {}..{}", name, db.config.driver, db.config.pool.min_connections,
                     db.config.pool.max_connections);
    }
    maintenance_ = std::thread([this] {
        std::unique_lock lock(maintenance_mu_);
        while (!stopping_) {
            lock.unlock();
            Maintain();
            lock.lock();
            maintenance_cv_.wait_for(lock, kMaintenanceInterval, [this] { return stopping_; });
        }
    });
    return Status::Ok();
}

void Gateway::Stop() {
    {
        std::lock_guard lock(maintenance_mu_);
        if (stopping_) return;
        stopping_ = true;
    }
    maintenance_cv_.notify_all();
    if (maintenance_.joinable()) maintenance_.join();
    transactions_.RollbackAll();
    for (auto& [name, db] : databases_) db.pool->Stop();
}

void Gateway::Maintain() {
    transactions_.ReapIdle();
    const auto open = transactions_.OpenPerDatabase();
    for (auto& [name, db] : databases_) {
        const auto it = open.find(name);
        metrics_.Update(name, db.pool->Snapshot(), *db.cache_counters, it == open.end() ? 0 : it->second);
    }
}

StatusOr<Gateway::Database*> Gateway::Find(const std::string& requested) {
    const std::string name = DatabaseName(requested);
    auto it = databases_.find(name);
    if (it == databases_.end()) {
        std::string known;
        for (const auto& [n, db] : databases_) known += (known.empty() ? "" : ", ") + n;
        return NotFoundError("no database named '" + name + "' is configured (configured: " + known + ")")
            .WithReason("DATABASE_NOT_FOUND");
    }
    return &it->second;
}

const Gateway::Database* Gateway::Find(const std::string& requested) const {
    auto it = databases_.find(DatabaseName(requested));
    return it == databases_.end() ? nullptr : &it->second;
}

StatusOr<std::unique_ptr<Gateway::Session>> Gateway::OpenSession(const CallContext& ctx, Access access, Database& db,
                                                                 const std::string& transaction_id, bool atomic,
                                                                 bool single_read_only) {
    if (!transaction_id.empty()) {
        GANTRY_ASSIGN_OR_RETURN(auto tx, transactions_.Lock(transaction_id, db.config.pool.acquire_timeout));
        auto session = std::make_unique<Session>(db, tx, transactions_);
        if (tx->database != db.config.name) {
            return InvalidArgumentError("transaction '" + transaction_id + "' belongs to database '" + tx->database +
                                        "', not '" + db.config.name + "'");
        }
        if (access == Access::kReadOnly && !tx->read_only) {
            return PermissionDeniedError("a read-only call cannot run in read-write transaction '" + transaction_id +
                                         "'")
                .WithReason("READ_ONLY_ROLE");
        }
        return session;
    }
    GANTRY_ASSIGN_OR_RETURN(auto lease, db.pool->Acquire(ctx.deadline));
    const bool own_transaction = (access == Access::kReadOnly && !single_read_only) || atomic;
    if (own_transaction) {
        TransactionOptions options;
        options.read_only = access == Access::kReadOnly;
        if (auto st = lease->Begin(options); !st.ok()) {
            if (lease->broken()) db.pool->ReportConnectionFailure(st.message());
            return st;
        }
    }
    return std::make_unique<Session>(db, std::move(lease), own_transaction);
}

Status Gateway::RunStatement(const CallContext& ctx, Session& session, const std::string& sql,
                             const google::protobuf::RepeatedPtrField<Value>& params,
                             const google::protobuf::Map<std::string, Value>& named, RowSink& sink,
                             ExecResult& result, bool single_read_only) {
    if (sql.empty()) return InvalidArgumentError("sql is empty");
    auto& db = session.db();
    const std::vector<Value> positional(params.begin(), params.end());
    const std::map<std::string, Value> by_name(named.begin(), named.end());
    GANTRY_ASSIGN_OR_RETURN(auto bound, BindParameters(db.pool->driver().dialect(), sql, positional, by_name));

    const auto started = Clock::now();
    const auto statement_deadline =
        db.config.statement_timeout.count() > 0 ? started + db.config.statement_timeout : Clock::time_point::max();
    auto guard = watchdog_.Watch(ctx, session.conn(), statement_deadline);
    auto executed = single_read_only ? session.conn().ExecuteReadOnly(bound.sql, bound.params, sink)
                                     : session.conn().Execute(bound.sql, bound.params, sink);
    const auto fired = guard.Finish();
    const auto elapsed = Clock::now() - started;
    db.metrics->query->Observe(std::chrono::duration<double>(elapsed).count());
    if (!executed.ok()) {
        session.AfterFailure(executed.status(), fired != QueryWatchdog::Fired::kNo);
        return QueryWatchdog::Explain(fired, executed.status(), std::chrono::duration_cast<milliseconds>(elapsed))
            .WithMetadata("database", db.config.name);
    }
    result = *executed;
    return Status::Ok();
}

Status Gateway::ExecuteStatement(const CallContext& ctx, Access access, const v1::ExecuteStatementRequest& req,
                                 v1::ExecuteResponse& resp) {
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    if (!req.has_statement()) return InvalidArgumentError("statement is not set");
    GANTRY_ASSIGN_OR_RETURN(auto built, querybuilder::BuildQuery(BuilderDialect(db->pool->driver().dialect()), req.statement()));
    v1::ExecuteRequest plain;
    plain.set_database(req.database());
    plain.set_sql(std::move(built.sql));
    for (auto& p : built.parameters) *plain.add_params() = std::move(p);
    plain.set_transaction_id(req.transaction_id());
    plain.set_max_rows(req.max_rows());
    return Execute(ctx, access, plain, resp);
}

Status Gateway::Execute(const CallContext& ctx, Access access, const v1::ExecuteRequest& req,
                        v1::ExecuteResponse& resp) {
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    if (req.max_rows() < 0) return InvalidArgumentError("max_rows must not be negative");
    const int64_t max_rows = req.max_rows() > 0 ? std::min(req.max_rows(), db->config.max_rows) : db->config.max_rows;
    // A read-only call outside a transaction runs in its own read-only transaction, begun and ended by the
    // backend within the statement's call (one round trip on PostgreSQL), which may lose the rest of a truncated
    // result to a cancel; anywhere else the rest is read, as a cancel could undo writes.
    const bool single_read_only = access == Access::kReadOnly && req.transaction_id().empty();
    GANTRY_ASSIGN_OR_RETURN(auto session,
                            OpenSession(ctx, access, *db, req.transaction_id(), false, single_read_only));
    ResponseSink sink(resp, max_rows, single_read_only);
    ExecResult result;
    auto st = RunStatement(ctx, *session, req.sql(), req.params(), req.named_params(), sink, result,
                           single_read_only);
    GANTRY_RETURN_IF_ERROR(session->Finish(std::move(st)));
    resp.set_rows_affected(result.rows_affected);
    if (result.last_insert_id) {
        resp.set_has_last_insert_id(true);
        resp.set_last_insert_id(*result.last_insert_id);
    }
    return Status::Ok();
}

Status Gateway::ExecuteBatch(const CallContext& ctx, Access access, const v1::ExecuteBatchRequest& req,
                             v1::ExecuteBatchResponse& resp) {
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    if (req.statements().empty()) return InvalidArgumentError("statements is empty");
    const bool atomic = req.atomic() && req.transaction_id().empty();
    GANTRY_ASSIGN_OR_RETURN(auto session, OpenSession(ctx, access, *db, req.transaction_id(), atomic));
    Status st;
    for (int i = 0; i < req.statements_size() && st.ok(); ++i) {
        const auto& s = req.statements(i);
        auto* out = resp.add_results();
        ResponseSink sink(*out, db->config.max_rows);
        ExecResult result;
        st = RunStatement(ctx, *session, s.sql(), s.params(), s.named_params(), sink, result);
        if (!st.ok()) {
            Status annotated = std::move(st).Annotate("statement " + std::to_string(i + 1) + " of " +
                                                      std::to_string(req.statements_size()) +
                                                      (atomic ? " (the batch was rolled back): " : ": "));
            st = std::move(annotated).WithMetadata("statement_index", std::to_string(i));
            break;
        }
        out->set_rows_affected(result.rows_affected);
        if (result.last_insert_id) {
            out->set_has_last_insert_id(true);
            out->set_last_insert_id(*result.last_insert_id);
        }
    }
    return session->Finish(std::move(st));
}

Status Gateway::StreamQuery(const CallContext& ctx, Access access, const v1::StreamQueryRequest& req,
                            const std::function<bool(const v1::QueryChunk&)>& write) {
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    if (req.chunk_rows() < 0) return InvalidArgumentError("chunk_rows must not be negative");
    GANTRY_ASSIGN_OR_RETURN(auto session, OpenSession(ctx, access, *db, req.transaction_id(), false));
    ChunkSink sink(req.chunk_rows() > 0 ? req.chunk_rows() : kDefaultChunkRows, write);
    ExecResult result;
    auto st = RunStatement(ctx, *session, req.sql(), req.params(), req.named_params(), sink, result);
    if (st.ok() && !sink.Flush()) st = CancelledError("the client stopped reading the stream");
    if (sink.client_gone()) st = CancelledError("the client stopped reading the stream");
    return session->Finish(std::move(st));
}

Status Gateway::BeginTransaction(const CallContext& ctx, Access access, const v1::BeginTransactionRequest& req,
                                 v1::BeginTransactionResponse& resp) {
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    if (req.idle_timeout_ms() < 0) return InvalidArgumentError("idle_timeout_ms must not be negative");
    GANTRY_ASSIGN_OR_RETURN(auto lease, db->pool->Acquire(ctx.deadline));
    const auto options = ToOptions(req, access);
    if (auto st = lease->Begin(options); !st.ok()) {
        if (lease->broken()) db->pool->ReportConnectionFailure(st.message());
        return std::move(st).Annotate("database '" + db->config.name + "': ");
    }
    auto tx = std::make_shared<Transaction>();
    tx->database = db->config.name;
    tx->read_only = options.read_only;
    tx->idle_timeout = req.idle_timeout_ms() > 0 ? milliseconds(req.idle_timeout_ms())
                                                 : db->config.transaction_idle_timeout;
    tx->lease = std::move(lease);
    resp.set_transaction_id(transactions_.Add(tx));
    return Status::Ok();
}

Status Gateway::EndTransaction(const CallContext& ctx, const std::string& id, bool commit) {
    if (id.empty()) return InvalidArgumentError("transaction_id is empty");
    GANTRY_ASSIGN_OR_RETURN(auto tx, transactions_.Lock(id, milliseconds(5000)));
    Status st = commit ? tx->lease->Commit() : tx->lease->Rollback();
    if (!st.ok() && tx->lease->broken()) {
        auto* db = Find(tx->database).value();
        db->pool->ReportConnectionFailure(st.message());
        if (commit) {
            st = UnavailableError("the connection was lost during COMMIT of transaction '" + id +
                                  "'; whether it committed is unknown: " + st.message())
                     .WithReason("COMMIT_OUTCOME_UNKNOWN");
        }
    }
    transactions_.Remove(*tx, commit ? "it was committed" : "it was rolled back");
    tx->lease = Lease();
    tx->busy.unlock();
    return st;
}

Status Gateway::Commit(const CallContext& ctx, const v1::TransactionRequest& req) {
    return EndTransaction(ctx, req.transaction_id(), true);
}

Status Gateway::Rollback(const CallContext& ctx, const v1::TransactionRequest& req) {
    return EndTransaction(ctx, req.transaction_id(), false);
}

Status Gateway::BulkInsert(const CallContext& ctx, const std::function<bool(v1::BulkInsertRequest&)>& read,
                           v1::BulkInsertResponse& resp) {
    v1::BulkInsertRequest first;
    if (!read(first)) return InvalidArgumentError("BulkInsert needs a first message naming the table and columns");
    if (first.table().empty()) return InvalidArgumentError("the first BulkInsert message must set table");
    if (first.columns().empty()) return InvalidArgumentError("the first BulkInsert message must list columns");
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(first.database()));
    const std::string table = first.table();
    const std::vector<std::string> columns(first.columns().begin(), first.columns().end());
    GANTRY_ASSIGN_OR_RETURN(auto session, OpenSession(ctx, Access::kReadWrite, *db, "", false));
    StreamRowSource source(std::move(first), columns.size(), read);
    auto guard = watchdog_.Watch(ctx, session->conn(), Clock::time_point::max());
    auto inserted = session->conn().BulkInsert(table, columns, source);
    const auto fired = guard.Finish();
    if (!inserted.ok()) {
        session->AfterFailure(inserted.status(), fired != QueryWatchdog::Fired::kNo);
        return QueryWatchdog::Explain(fired, inserted.status(), milliseconds(0)).WithMetadata("database", db->config.name);
    }
    resp.set_rows_inserted(*inserted);
    return Status::Ok();
}

Status Gateway::ListDatabases(v1::ListDatabasesResponse& resp) const {
    for (const auto& [name, db] : databases_) {
        auto* info = resp.add_databases();
        info->set_name(name);
        info->set_driver(db.config.driver);
        info->set_available(db.pool->Snapshot().breaker != CircuitBreaker::State::kOpen);
    }
    return Status::Ok();
}

Status Gateway::ListTables(const CallContext& ctx, const v1::ListTablesRequest& req, v1::ListTablesResponse& resp) {
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    GANTRY_ASSIGN_OR_RETURN(auto lease, db->pool->Acquire(ctx.deadline));
    auto tables = lease->ListTables(req.schema());
    if (!tables.ok()) {
        if (lease->broken()) db->pool->ReportConnectionFailure(tables.status().message());
        return tables.status();
    }
    for (const auto& t : *tables) {
        auto* out = resp.add_tables();
        out->set_schema(t.schema);
        out->set_name(t.name);
        out->set_kind(t.kind);
    }
    return Status::Ok();
}

Status Gateway::DescribeTable(const CallContext& ctx, const v1::DescribeTableRequest& req,
                              v1::DescribeTableResponse& resp) {
    if (req.table().empty()) return InvalidArgumentError("table is empty");
    GANTRY_ASSIGN_OR_RETURN(auto* db, Find(req.database()));
    GANTRY_ASSIGN_OR_RETURN(auto lease, db->pool->Acquire(ctx.deadline));
    auto columns = lease->DescribeTable(req.table());
    if (!columns.ok()) {
        if (lease->broken()) db->pool->ReportConnectionFailure(columns.status().message());
        return columns.status();
    }
    if (columns->empty()) {
        return NotFoundError("table '" + req.table() + "' does not exist in database '" + db->config.name + "'")
            .WithReason("UNDEFINED_TABLE");
    }
    for (const auto& c : *columns) {
        auto* out = resp.add_columns();
        out->set_name(c.name);
        out->set_type(c.type);
        out->set_database_type(c.database_type);
        out->set_nullable(c.nullable);
        out->set_primary_key(c.primary_key);
        out->set_default_value(c.default_value);
    }
    return Status::Ok();
}

Status Gateway::GetPoolStats(const v1::GetPoolStatsRequest& req, v1::GetPoolStatsResponse& resp) const {
    if (!req.database().empty() && !Find(req.database())) {
        return NotFoundError("no database named '" + req.database() + "' is configured");
    }
    const auto open = transactions_.OpenPerDatabase();
    for (const auto& [name, db] : databases_) {
        if (!req.database().empty() && name != req.database()) continue;
        const auto s = db.pool->Snapshot();
        auto* out = resp.add_pools();
        out->set_database(name);
        out->set_open(s.open);
        out->set_in_use(s.in_use);
        out->set_idle(s.idle);
        out->set_waiting(s.waiting);
        out->set_max(s.max);
        out->set_breaker_state(std::string(BreakerStateName(s.breaker)));
        out->set_acquired_total(s.acquired_total);
        out->set_acquire_timeouts_total(s.acquire_timeouts_total);
        out->set_statement_cache_hits(db.cache_counters->hits.load());
        out->set_statement_cache_misses(db.cache_counters->misses.load());
        out->set_statement_cache_evictions(db.cache_counters->evictions.load());
        const auto it = open.find(name);
        out->set_open_transactions(it == open.end() ? 0 : it->second);
    }
    return Status::Ok();
}

}  // namespace gantry::db
