#pragma once
/// @file A scriptable in-memory backend for pool and gateway unit tests.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gantry/db/connection.hpp"

namespace gantry::db::testing {

/// Shared state of every connection a FakeDriver opens.
struct FakeServer {
    std::atomic<bool> reachable{true};
    std::atomic<int> connects{0};
    std::atomic<int> open{0};
    std::atomic<int> resets{0};
    std::atomic<int> cancels{0};
    std::atomic<bool> fail_ping{false};
    std::atomic<int> ping_delay_ms{0};
    std::mutex mu;
    std::vector<std::string> log;  // every statement, in order
    /// Execute of this SQL blocks until cancelled.
    std::string blocking_sql = "SLEEP";
    /// Execute of this SQL loses the connection.
    std::string breaking_sql = "BREAK";
    void Record(const std::string& s) {
        std::lock_guard lock(mu);
        log.push_back(s);
    }
    std::vector<std::string> Log() {
        std::lock_guard lock(mu);
        return log;
    }
};

class FakeConnection final : public Connection {
public:
    explicit FakeConnection(std::shared_ptr<FakeServer> server);
    ~FakeConnection() override;
    StatusOr<ExecResult> Execute(const std::string& sql, const std::vector<Value>& params, RowSink& sink) override;
    Status Begin(const TransactionOptions& options) override;
    Status Commit() override;
    Status Rollback() override;
    Status Reset() override;
    Status Ping() override;
    void Cancel() override;
    bool broken() const override { return broken_; }
    StatusOr<std::vector<TableEntry>> ListTables(const std::string& schema) override;
    StatusOr<std::vector<ColumnEntry>> DescribeTable(const std::string& table) override;
    StatusOr<int64_t> BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                 RowSource& rows) override;

private:
    std::shared_ptr<FakeServer> server_;
    std::atomic<bool> cancelled_{false};
    bool broken_ = false;
    bool read_only_ = false;
};

class FakeDriver final : public Driver {
public:
    explicit FakeDriver(std::shared_ptr<FakeServer> server) : server_(std::move(server)) {}
    const char* name() const override { return "fake"; }
    Dialect dialect() const override { return Dialect::kPostgres; }
    StatusOr<std::unique_ptr<Connection>> Connect() override;

private:
    std::shared_ptr<FakeServer> server_;
};

}  // namespace gantry::db::testing
