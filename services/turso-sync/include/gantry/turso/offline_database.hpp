#pragma once
/// @file Mode `offline`: reads and writes a local working copy; every write is captured with the SQLite
/// session extension and queued in the outbox in the same transaction. Sync pushes the queue as one batch
/// whose COMMIT runs only if every step succeeded (otherwise the queue stays), then pulls.
///
/// Files: `<db>` the working copy; `<db>-gantry-base` the server's pages at the pulled revision (a
/// ReplicaStore, crash-safe); `<db>-gantry-outbox.db` the queue. After a pull the working copy is rebuilt as
/// base + the still-queued changes and swapped in atomically (rename), so pages are only ever applied to a
/// file that holds exactly the server's earlier pages.

#include <memory>
#include <mutex>

#include "gantry/turso/database.hpp"
#include "gantry/turso/remote_endpoint.hpp"
#include "gantry/turso/replica_store.hpp"
#include "gantry/turso/sqlite_connection.hpp"
#include "gantry/turso/sync_scheduler.hpp"

namespace gantry::turso {

class OfflineDatabase final : public Database {
public:
    static StatusOr<std::unique_ptr<OfflineDatabase>> Open(DatabaseConfig config,
                                                           std::unique_ptr<RemoteEndpoint> remote);
    ~OfflineDatabase() override;

    const DatabaseConfig& config() const override { return config_; }
    StatusOr<ExecOutcome> Execute(const Stmt& stmt) override;
    StatusOr<BatchOutcome> RunBatch(const Batch& batch) override;
    /// Interactive transactions are not offered offline (use Batch): FAILED_PRECONDITION.
    StatusOr<std::unique_ptr<Transaction>> Begin() override;
    StatusOr<SyncReport> Sync() override;
    StatusOr<bool> IsReadOnly(const Stmt& stmt) override;
    SyncStats Stats() const override { return events_.Snapshot(); }
    std::string revision() const override;

    /// Legacy migration: the difference between `working_copy_path` and the current state of this database
    /// is queued as one change and pushed; returns the number of row changes.
    StatusOr<uint64_t> ImportWorkingCopy(const std::string& working_copy_path) override;

private:
    OfflineDatabase(DatabaseConfig config, std::unique_ptr<RemoteEndpoint> remote, ReplicaStore base);
    Status OpenWorkingLocked();
    /// The working connection, reopened if an earlier failure closed it.
    StatusOr<SqliteConnection*> WorkingLocked();
    StatusOr<uint64_t> Push();
    /// Rebuilds the working copy as base + queued changes; on failure the old working copy stays.
    Status RebuildLocked();
    void RefreshQueuedLocked();

    DatabaseConfig config_;
    std::unique_ptr<RemoteEndpoint> remote_;
    std::string base_path_;
    std::string outbox_path_;
    std::mutex sync_mu_;     // one Sync at a time
    mutable std::mutex mu_;  // guards base_ and working_
    ReplicaStore base_;
    std::unique_ptr<SqliteConnection> working_;
    std::unique_ptr<SyncScheduler> scheduler_;
};

}  // namespace gantry::turso
