#pragma once
/// @file Mode `local`: a SQLite file and nothing else.

#include <mutex>

#include "gantry/turso/database.hpp"
#include "gantry/turso/sqlite_connection.hpp"

namespace gantry::turso {

class LocalDatabase final : public Database {
public:
    static StatusOr<std::unique_ptr<LocalDatabase>> Open(DatabaseConfig config);

    const DatabaseConfig& config() const override { return config_; }
    StatusOr<ExecOutcome> Execute(const Stmt& stmt) override;
    StatusOr<BatchOutcome> RunBatch(const Batch& batch) override;
    /// A transaction on its own connection; other writers wait (busy timeout) until it ends.
    StatusOr<std::unique_ptr<Transaction>> Begin() override;
    StatusOr<SyncReport> Sync() override;
    StatusOr<bool> IsReadOnly(const Stmt& stmt) override;
    SyncStats Stats() const override { return {}; }

private:
    LocalDatabase(DatabaseConfig config, std::unique_ptr<SqliteConnection> conn)
        : config_(std::move(config)), conn_(std::move(conn)) {}
    DatabaseConfig config_;
    std::mutex mu_;
    std::unique_ptr<SqliteConnection> conn_;
};

/// A transaction on a dedicated SQLite connection (BEGIN IMMEDIATE ... COMMIT/ROLLBACK).
class LocalTransaction final : public Transaction {
public:
    static StatusOr<std::unique_ptr<LocalTransaction>> Begin(const std::string& path);
    ~LocalTransaction() override;
    StatusOr<StmtResult> Execute(const Stmt& stmt) override;
    Status Commit() override;
    Status Rollback() override;

private:
    explicit LocalTransaction(std::unique_ptr<SqliteConnection> conn) : conn_(std::move(conn)) {}
    std::unique_ptr<SqliteConnection> conn_;
    bool open_ = true;
};

}  // namespace gantry::turso
