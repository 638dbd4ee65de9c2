#pragma once
/// @file Mode `remote`: every statement over Hrana; nothing is stored locally.

#include <functional>

#include "gantry/turso/database.hpp"
#include "gantry/turso/remote_endpoint.hpp"

namespace gantry::turso {

class RemoteDatabase final : public Database {
public:
    RemoteDatabase(DatabaseConfig config, std::unique_ptr<RemoteEndpoint> remote)
        : config_(std::move(config)), remote_(std::move(remote)) {}

    const DatabaseConfig& config() const override { return config_; }
    StatusOr<ExecOutcome> Execute(const Stmt& stmt) override;
    StatusOr<BatchOutcome> RunBatch(const Batch& batch) override;
    StatusOr<std::unique_ptr<Transaction>> Begin() override;
    StatusOr<SyncReport> Sync() override;
    /// Asks nothing of the server: a statement is read-only when it starts with SELECT, WITH (without a write
    /// keyword), EXPLAIN, VALUES or PRAGMA without `=`; anything else counts as a write.
    StatusOr<bool> IsReadOnly(const Stmt& stmt) override;
    SyncStats Stats() const override { return {}; }

private:
    DatabaseConfig config_;
    std::unique_ptr<RemoteEndpoint> remote_;
};

/// An interactive transaction over a Hrana stream. `on_commit` runs after a successful COMMIT (a replica
/// pulls there).
class RemoteTransaction final : public Transaction {
public:
    RemoteTransaction(HranaClient::Stream stream, std::function<void()> on_commit)
        : stream_(std::move(stream)), on_commit_(std::move(on_commit)) {}
    ~RemoteTransaction() override;
    StatusOr<StmtResult> Execute(const Stmt& stmt) override { return stream_.Execute(stmt); }
    Status Commit() override;
    Status Rollback() override;

private:
    HranaClient::Stream stream_;
    std::function<void()> on_commit_;
};

/// Opens a stream and sends BEGIN on it.
StatusOr<std::unique_ptr<Transaction>> BeginRemoteTransaction(HranaClient& hrana, std::function<void()> on_commit);

/// The keyword heuristic RemoteDatabase::IsReadOnly uses.
bool LooksReadOnly(const std::string& sql);

}  // namespace gantry::turso
