#pragma once
/// @file Mode `replica`: reads from a local copy of the remote's pages; writes go to the remote over Hrana
/// and are followed by a pull, so the caller reads its own writes; pulls also run every sync_interval and on
/// Sync. When the remote is down, reads keep working from the last pulled revision.

#include <memory>
#include <mutex>

#include "gantry/turso/database.hpp"
#include "gantry/turso/remote_endpoint.hpp"
#include "gantry/turso/replica_store.hpp"
#include "gantry/turso/sqlite_connection.hpp"
#include "gantry/turso/sync_scheduler.hpp"

namespace gantry::turso {

class ReplicaDatabase final : public Database {
public:
    /// Recovers an interrupted pull, opens the local copy when there is one, and starts the background pulls
    /// (the first one right away). Does not wait for the remote.
    static StatusOr<std::unique_ptr<ReplicaDatabase>> Open(DatabaseConfig config,
                                                           std::unique_ptr<RemoteEndpoint> remote);
    ~ReplicaDatabase() override;

    const DatabaseConfig& config() const override { return config_; }
    StatusOr<ExecOutcome> Execute(const Stmt& stmt) override;
    StatusOr<BatchOutcome> RunBatch(const Batch& batch) override;
    StatusOr<std::unique_ptr<Transaction>> Begin() override;
    StatusOr<SyncReport> Sync() override;
    StatusOr<bool> IsReadOnly(const Stmt& stmt) override;
    SyncStats Stats() const override { return events_.Snapshot(); }
    std::string revision() const override;
    StatusOr<uint64_t> ImportWorkingCopy(const std::string& working_copy_path) override;

private:
    ReplicaDatabase(DatabaseConfig config, std::unique_ptr<RemoteEndpoint> remote, ReplicaStore store);
    /// Pulls and applies; the local connection is closed while pages are written.
    StatusOr<SyncReport> Pull();
    Status OpenReaderLocked();
    /// Classifies `sql`; when it does not compile locally (e.g. a table the replica has not seen yet), pulls
    /// once and tries again.
    StatusOr<bool> Classify(const std::string& sql);

    DatabaseConfig config_;
    std::unique_ptr<RemoteEndpoint> remote_;
    std::mutex sync_mu_;          // one pull at a time; held across apply
    mutable std::mutex file_mu_;  // guards store_ and reader_
    ReplicaStore store_;
    std::unique_ptr<SqliteConnection> reader_;
    std::unique_ptr<SyncScheduler> scheduler_;
};

}  // namespace gantry::turso
