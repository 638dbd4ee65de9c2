#pragma once
/// @file A named database in one of the four modes, as the gRPC layer sees it.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/turso/hrana_types.hpp"
#include "gantry/turso/sync_events.hpp"

namespace gantry::turso {

enum class Mode { kLocal, kRemote, kReplica, kOffline };
const char* ModeName(Mode mode);
StatusOr<Mode> ParseMode(const std::string& text);

struct DatabaseConfig {
    std::string name;
    Mode mode = Mode::kLocal;
    std::string url;                             // normalized remote base URL ("" for local)
    std::string auth_token;                      // never logged
    std::string path;                            // local file
    std::chrono::milliseconds sync_interval{0};  // 0 = manual only
    std::chrono::milliseconds request_timeout{10000};
    std::chrono::milliseconds connect_timeout{3000};
    int retry_attempts = 4;
};

enum class Served { kLocal, kRemote };

struct ExecOutcome {
    StmtResult result;
    Served served = Served::kLocal;
};

struct BatchOutcome {
    BatchResult result;
    Served served = Served::kLocal;
};

/// An interactive transaction; destroyed without Commit means rolled back.
class Transaction {
public:
    virtual ~Transaction() = default;
    virtual StatusOr<StmtResult> Execute(const Stmt& stmt) = 0;
    virtual Status Commit() = 0;
    virtual Status Rollback() = 0;
};

class Database {
public:
    virtual ~Database() = default;
    virtual const DatabaseConfig& config() const = 0;
    virtual StatusOr<ExecOutcome> Execute(const Stmt& stmt) = 0;
    virtual StatusOr<BatchOutcome> RunBatch(const Batch& batch) = 0;
    virtual StatusOr<std::unique_ptr<Transaction>> Begin() = 0;
    /// Push queued writes (offline), then pull. FAILED_PRECONDITION for modes without a replica.
    virtual StatusOr<SyncReport> Sync() = 0;
    /// Whether `stmt` only reads, as this database's engine judges it.
    virtual StatusOr<bool> IsReadOnly(const Stmt& stmt) = 0;
    virtual SyncStats Stats() const = 0;
    virtual std::string revision() const { return ""; }
    /// Legacy migration: pushes the difference between a working-copy file and this database's local copy to
    /// the remote in one transaction, then pulls. Returns the number of row changes.
    virtual StatusOr<uint64_t> ImportWorkingCopy(const std::string& working_copy_path) {
        return FailedPreconditionError("database '" + config().name + "' is " + ModeName(config().mode) +
                                       ": importing a working copy needs a replica or offline database")
            .WithReason("NOT_SYNCED");
    }
    SyncEvents& events() { return events_; }

protected:
    SyncEvents events_;
};

}  // namespace gantry::turso
