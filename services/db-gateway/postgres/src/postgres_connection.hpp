#pragma once
/// @file One libpq connection: cached prepared statements, single-row streaming, COPY, cancel, and a
/// session reset sent on release and collected on next use (so it costs no extra wait on the hot path), and
/// skipped when nothing since the last one could have changed the session (see pg_session.hpp). A statement in
/// its own read-only transaction is sent in one pipeline with its BEGIN and COMMIT (one round trip).

#include <libpq-fe.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "gantry/db/connection.hpp"
#include "gantry/db/statement_cache.hpp"

namespace gantry::db::pg {

struct Prepared {
    std::string name;
    int param_count = 0;
    // Learned once per prepared statement, one entry per result column (both empty when nothing had to be
    // looked up): the catalog's name for a type outside the built-in table ("" for the others), and whether
    // the column is guaranteed NOT NULL (see LearnColumns).
    std::vector<std::string> type_names;
    std::vector<bool> not_null;
    bool may_change_session = true;  // MayChangeSessionState of its SQL
};

class PostgresConnection final : public Connection {
public:
    static StatusOr<std::unique_ptr<Connection>> Open(const DriverOptions& options);
    ~PostgresConnection() override;

    StatusOr<ExecResult> Execute(const std::string& sql, const std::vector<Value>& params, RowSink& sink) override;
    StatusOr<ExecResult> ExecuteReadOnly(const std::string& sql, const std::vector<Value>& params,
                                         RowSink& sink) override;
    Status Begin(const TransactionOptions& options) override;
    Status Commit() override;
    Status Rollback() override;
    Status Reset() override;
    Status Ping() override;
    void Cancel() override;
    bool broken() const override;
    StatusOr<std::vector<TableEntry>> ListTables(const std::string& schema) override;
    StatusOr<std::vector<ColumnEntry>> DescribeTable(const std::string& table) override;
    StatusOr<int64_t> BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                 RowSource& rows) override;

private:
    PostgresConnection(PGconn* conn, const DriverOptions& options);
    /// Collects the results of a reset sent on release; must precede any new command.
    Status Settle();
    /// Runs a parameterless command and checks it succeeded; returns its command tag.
    StatusOr<std::string> Command(const std::string& sql);
    StatusOr<Prepared*> Prepare(const std::string& sql);
    /// Fills a new statement's per-column metadata from its description with one catalog query, run only
    /// when a column needs it (a type outside the built-in table, or a column read from a table).
    Status LearnColumns(const std::string& sql, PGresult* described, Prepared& p);
    /// Prepares (through the cache) and runs `run`, once more after the server forgot the statement.
    template <typename RunFn>
    StatusOr<ExecResult> PrepareAndRun(const std::string& sql, const std::vector<Value>& params, RunFn run);
    bool SendPrepared(const Prepared& stmt, const std::vector<Value>& params);
    /// Reads one statement's results to its end, feeding rows to `sink`.
    StatusOr<ExecResult> ReadResults(const Prepared& stmt, RowSink& sink, std::string* sqlstate);
    StatusOr<ExecResult> Run(const Prepared& stmt, const std::vector<Value>& params, RowSink& sink, std::string* sqlstate);
    /// Run inside BEGIN READ ONLY ... COMMIT, all sent in one pipeline.
    StatusOr<ExecResult> RunReadOnly(const Prepared& stmt, const std::vector<Value>& params, RowSink& sink,
                                     std::string* sqlstate);
    /// Reads a pipelined command's results to its end: its first error, its command tag to `tag`.
    Status PipelinedCommand(std::string* tag, std::string* sqlstate);
    /// Reads a pipeline's sync point; anything else means the pipeline is out of step.
    bool PipelineSync();
    Status CommitTagError(const std::string& tag);
    Status ResultError(PGresult* result, std::string* sqlstate = nullptr);
    Status ConnectionError(const std::string& what);
    /// Whether a parameter the server reports (DateStyle, TimeZone, ...) differs from its value at connect.
    bool ReportedParametersChanged() const;

    PGconn* conn_;
    PGcancel* cancel_;
    std::string database_;
    StatementCacheCounters* counters_;
    bool session_reset_;
    StatementCache<Prepared> cache_;
    int64_t next_statement_ = 0;
    bool reset_pending_ = false;
    bool session_dirty_ = false;  // a statement since the last reset may have changed session state
    bool unusable_ = false;  // left in a state the next call cannot start from (a pipeline out of step)
    std::array<std::string, 8> reported_;  // the reported parameters at connect, in kReportedParameters order
};

}  // namespace gantry::db::pg
