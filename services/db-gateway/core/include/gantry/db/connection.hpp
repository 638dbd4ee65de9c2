#pragma once
/// @file The backend interface: one live connection to one database, and the driver that opens them.
/// Backends (postgres, mariadb, sqlite) implement it in their own libraries; the core never sees a driver.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/common/v1/value.pb.h"
#include "gantry/db/statement_cache.hpp"

namespace gantry::db {

using common::v1::Column;
using common::v1::Row;
using common::v1::Value;

/// Which placeholder syntax the backend's SQL uses for positional parameters.
enum class Dialect { kPostgres, kMariaDb, kSqlite };

/// Receives a result set. OnRow returning false stops the fetch (the rest is discarded).
/// Column metadata: `type` and `database_type` are always set when the engine knows them (expressions
/// included); `nullable` is false only when the engine guarantees the column never holds NULL.
class RowSink {
public:
    virtual ~RowSink() = default;
    virtual Status OnColumns(std::vector<Column> columns) = 0;
    virtual bool OnRow(Row&& row) = 0;
    /// True when the caller will roll back the statement's own read-only transaction after a stop, so a
    /// backend may cancel the rest of the result on the server instead of reading it to the end. Otherwise
    /// the rest must be read: a cancel would undo what the statement wrote or abort the caller's transaction.
    virtual bool may_cancel_rest() const { return false; }
};

/// Produces rows for BulkInsert; Next returns false at the end (or sets `status` on a bad row).
class RowSource {
public:
    virtual ~RowSource() = default;
    virtual bool Next(Row& row, Status& status) = 0;
};

struct ExecResult {
    int64_t rows_affected = 0;
    std::optional<int64_t> last_insert_id;
    /// The backend cancelled the rest of the result after the sink stopped (only when may_cancel_rest): the
    /// statement's transaction may be aborted, so the caller rolls it back instead of committing.
    bool rest_cancelled = false;
};

enum class Isolation { kDefault, kReadUncommitted, kReadCommitted, kRepeatableRead, kSerializable };

struct TransactionOptions {
    Isolation isolation = Isolation::kDefault;
    bool read_only = false;
};

struct TableEntry {
    std::string schema;
    std::string name;
    std::string kind;  // "table" or "view"
};

struct ColumnEntry {
    std::string name;
    common::v1::ValueType type = common::v1::VALUE_TYPE_UNSPECIFIED;
    std::string database_type;
    bool nullable = true;
    bool primary_key = false;
    std::string default_value;
};

class Connection {
public:
    virtual ~Connection() = default;

    /// Prepares (through the statement cache) and runs one statement with positional parameters in the
    /// backend's own placeholder syntax. A parameter count mismatch is INVALID_ARGUMENT before execution.
    virtual StatusOr<ExecResult> Execute(const std::string& sql, const std::vector<Value>& params, RowSink& sink) = 0;
    /// Execute in a read-only transaction of its own, begun and ended within the call (the connection is
    /// outside a transaction before and after): committed when the statement succeeded, rolled back when it
    /// failed or the rest of its result was cancelled (`rest_cancelled`; the sink should allow it). This
    /// version takes the steps one after another (Begin, Execute, Commit or Rollback); a backend may send them
    /// at once.
    virtual StatusOr<ExecResult> ExecuteReadOnly(const std::string& sql, const std::vector<Value>& params,
                                                 RowSink& sink);

    virtual Status Begin(const TransactionOptions& options) = 0;
    virtual Status Commit() = 0;
    virtual Status Rollback() = 0;

    /// Restores a clean session before the connection is reused (rolls back a leftover transaction, resets
    /// session state). A failure discards the connection.
    virtual Status Reset() = 0;
    /// A cheap round trip proving the connection works.
    virtual Status Ping() = 0;
    /// Asks the server to stop the statement running on this connection. Callable from any thread.
    virtual void Cancel() = 0;
    /// True once the connection is unusable (lost, protocol error); the pool then discards it.
    virtual bool broken() const = 0;

    virtual StatusOr<std::vector<TableEntry>> ListTables(const std::string& schema) = 0;
    virtual StatusOr<std::vector<ColumnEntry>> DescribeTable(const std::string& table) = 0;
    /// Inserts every row of `rows` into `table(columns)`; returns the count. Runs inside the caller's
    /// transaction when one is open, else in its own.
    virtual StatusOr<int64_t> BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                         RowSource& rows) = 0;
};

inline StatusOr<ExecResult> Connection::ExecuteReadOnly(const std::string& sql, const std::vector<Value>& params,
                                                         RowSink& sink) {
    TransactionOptions options;
    options.read_only = true;
    GANTRY_RETURN_IF_ERROR(Begin(options));
    auto result = Execute(sql, params, sink);
    if (result.ok() && !result->rest_cancelled) {
        GANTRY_RETURN_IF_ERROR(Commit());
        return result;
    }
    if (!broken()) (void)Rollback();
    return result;
}

/// Opens connections to one configured database.
class Driver {
public:
    virtual ~Driver() = default;
    virtual const char* name() const = 0;  // "postgres", "mariadb", "sqlite"
    virtual Dialect dialect() const = 0;
    /// Connects; an unreachable server is UNAVAILABLE naming the database (never the password).
    virtual StatusOr<std::unique_ptr<Connection>> Connect() = 0;
};

/// What every driver is built from.
struct DriverOptions {
    std::string database;  // the configured name, for messages
    std::string dsn;       // driver-specific; for sqlite a file path
    std::string user;
    std::string password;  // never logged
    std::chrono::milliseconds connect_timeout{5000};
    StatementCacheOptions statement_cache;
    StatementCacheCounters* cache_counters = nullptr;  // shared by the database's connections
    bool tls = false;                                 // require TLS to the server
    bool session_reset = true;                        // undo session state when a connection returns to the pool
};

using DriverFactory = std::function<StatusOr<std::unique_ptr<Driver>>(const DriverOptions&)>;

}  // namespace gantry::db
