#pragma once
/// @file The transport-free core of db-gateway: named databases with their pools, transactions across
/// calls, statement timeouts and cancellation, read-only enforcement, and every RPC's logic over the
/// generated messages. The gRPC handlers only authorize, build a CallContext and call in here.

#include <prometheus/registry.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "gantry/common/status.hpp"
#include "gantry/db/db_metrics.hpp"
#include "gantry/db/gateway_config.hpp"
#include "gantry/db/pool.hpp"
#include "gantry/db/query_watchdog.hpp"
#include "gantry/db/transactions.hpp"
#include "gantry/db/v1/database.pb.h"

namespace gantry::db {

/// How a call may touch data: kReadOnly runs it in a read-only transaction (or PRAGMA query_only), so
/// the database itself refuses writes however the SQL is spelled.
enum class Access { kReadOnly, kReadWrite };

class Gateway final {
public:
    /// `drivers` maps a driver name ("sqlite") to its factory; main.cpp wires the backends in.
    Gateway(GatewayConfig config, std::map<std::string, DriverFactory> drivers, prometheus::Registry& registry);
    ~Gateway();

    /// Builds every database's pool and starts the background work. Never waits for a server: an
    /// unreachable database starts degraded and its calls fail with UNAVAILABLE until it is back.
    Status Start();
    /// Rolls back open transactions and closes every pool.
    void Stop();

    Status Execute(const CallContext& ctx, Access access, const v1::ExecuteRequest& req, v1::ExecuteResponse& resp);
    /// Builds the statement tree for the database's dialect, then runs it as Execute does.
    Status ExecuteStatement(const CallContext& ctx, Access access, const v1::ExecuteStatementRequest& req,
                            v1::ExecuteResponse& resp);
    Status ExecuteBatch(const CallContext& ctx, Access access, const v1::ExecuteBatchRequest& req,
                        v1::ExecuteBatchResponse& resp);
    /// Calls `write` per chunk; a false return (the client went away) stops the query.
    Status StreamQuery(const CallContext& ctx, Access access, const v1::StreamQueryRequest& req,
                       const std::function<bool(const v1::QueryChunk&)>& write);
    Status BeginTransaction(const CallContext& ctx, Access access, const v1::BeginTransactionRequest& req,
                            v1::BeginTransactionResponse& resp);
    Status Commit(const CallContext& ctx, const v1::TransactionRequest& req);
    Status Rollback(const CallContext& ctx, const v1::TransactionRequest& req);
    /// `read` fills the next message and returns false at the end of the stream.
    Status BulkInsert(const CallContext& ctx, const std::function<bool(v1::BulkInsertRequest&)>& read,
                      v1::BulkInsertResponse& resp);
    Status ListDatabases(v1::ListDatabasesResponse& resp) const;
    Status ListTables(const CallContext& ctx, const v1::ListTablesRequest& req, v1::ListTablesResponse& resp);
    Status DescribeTable(const CallContext& ctx, const v1::DescribeTableRequest& req, v1::DescribeTableResponse& resp);
    Status GetPoolStats(const v1::GetPoolStatsRequest& req, v1::GetPoolStatsResponse& resp) const;

    /// Rolls back transactions idle past their timeout and refreshes metrics (the maintenance thread
    /// calls it; tests may too).
    void Maintain();

private:
    struct Database {
        DatabaseConfig config;
        std::unique_ptr<StatementCacheCounters> cache_counters;
        std::unique_ptr<Pool> pool;
        DbMetrics::PerDatabase* metrics = nullptr;
    };
    /// A connection for one call: the transaction's pinned one, or a pooled one (read-only wrapped).
    class Session;

    StatusOr<Database*> Find(const std::string& name);
    const Database* Find(const std::string& name) const;
    /// `single_read_only`: the call is one read-only statement outside a transaction, run by RunStatement
    /// with `single_read_only` (Connection::ExecuteReadOnly begins and ends its transaction), so none is begun
    /// here.
    StatusOr<std::unique_ptr<Session>> OpenSession(const CallContext& ctx, Access access, Database& db,
                                                   const std::string& transaction_id, bool atomic,
                                                   bool single_read_only = false);
    Status RunStatement(const CallContext& ctx, Session& session, const std::string& sql,
                        const google::protobuf::RepeatedPtrField<Value>& params,
                        const google::protobuf::Map<std::string, Value>& named, RowSink& sink, ExecResult& result,
                        bool single_read_only = false);
    Status EndTransaction(const CallContext& ctx, const std::string& id, bool commit);

    GatewayConfig config_;
    std::map<std::string, DriverFactory> drivers_;
    DbMetrics metrics_;
    std::map<std::string, Database> databases_;
    TransactionRegistry transactions_;
    QueryWatchdog watchdog_;

    std::mutex maintenance_mu_;
    std::condition_variable maintenance_cv_;
    bool stopping_ = false;
    std::thread maintenance_;
};

}  // namespace gantry::db
