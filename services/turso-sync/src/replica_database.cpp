#include "gantry/turso/replica_database.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "gantry/turso/changeset_sql.hpp"
#include "gantry/turso/push_batch.hpp"
#include "gantry/turso/remote_database.hpp"
#include "gantry/turso/session_capture.hpp"

namespace gantry::turso {

StatusOr<std::unique_ptr<ReplicaDatabase>> ReplicaDatabase::Open(DatabaseConfig config,
                                                                 std::unique_ptr<RemoteEndpoint> remote) {
    GANTRY_ASSIGN_OR_RETURN(auto store, ReplicaStore::Open(config.path));
    std::error_code ec;
    if (store.revision().empty() && std::filesystem::file_size(config.path, ec) > 0 && !ec) {
        return FailedPreconditionError("'" + config.path +
                                       "' exists but was never pulled by turso-sync, so it is not "
                                       "a replica of " +
                                       config.url +
                                       "; it is left untouched. Move it away, or open "
                                       "it as a local database and bring its rows over with ImportWorkingCopy")
            .WithReason("NOT_A_REPLICA");
    }
    if (store.recovered()) {
        spdlog::warn("replica '{}': finished an interrupted pull from its journal (revision {})", config.name,
                     store.revision());
    }
    std::unique_ptr<ReplicaDatabase> db(new ReplicaDatabase(std::move(config), std::move(remote), std::move(store)));
    {
        std::lock_guard lock(db->file_mu_);
        if (!db->store_.revision().empty()) GANTRY_RETURN_IF_ERROR(db->OpenReaderLocked());
    }
    auto* raw = db.get();
    db->scheduler_ = std::make_unique<SyncScheduler>(db->config_.sync_interval, [raw] { (void)raw->Pull(); });
    return db;
}

ReplicaDatabase::ReplicaDatabase(DatabaseConfig config, std::unique_ptr<RemoteEndpoint> remote, ReplicaStore store)
    : config_(std::move(config)), remote_(std::move(remote)), store_(std::move(store)) {}

ReplicaDatabase::~ReplicaDatabase() {
    scheduler_.reset();
    std::lock_guard sync_lock(sync_mu_);
    std::lock_guard lock(file_mu_);
    if (Status st = store_.Close(); !st.ok()) {
        spdlog::warn("replica '{}': the pull journal stays for the next start to replay: {}", config_.name,
                     st.message());
    }
}

Status ReplicaDatabase::OpenReaderLocked() {
    GANTRY_ASSIGN_OR_RETURN(reader_, SqliteConnection::Open(config_.path, SqliteConnection::Access::kReadOnly));
    return Status::Ok();
}

std::string ReplicaDatabase::revision() const {
    std::lock_guard lock(file_mu_);
    return store_.revision();
}

StatusOr<SyncReport> ReplicaDatabase::Pull() {
    std::lock_guard sync_lock(sync_mu_);
    const auto start = std::chrono::steady_clock::now();
    std::string from;
    std::unique_ptr<ReplicaStore::PendingPull> pending;
    {
        std::lock_guard lock(file_mu_);
        from = store_.revision();
        pending = store_.BeginPull();
    }
    // The pages stream to the journal (or bootstrap image) while they download; local reads go on meanwhile.
    auto pulled = remote_->pull().Pull(from, *pending);
    if (!pulled.ok()) {
        Status st = Status(pulled.status()).Annotate("replica '" + config_.name + "': pull: ");
        events_.Record({}, false, false, st.message());
        return st;
    }
    const auto downloaded = std::chrono::steady_clock::now();
    SyncReport report;
    report.pages_pulled = pulled->pages;
    report.bytes_pulled = pulled->bytes;
    report.revision = pulled->revision;
    {
        std::lock_guard lock(file_mu_);
        if (pulled->pages > 0 || pulled->revision != store_.revision() || !reader_) {
            reader_.reset();  // nobody may hold the file while its pages change
            Status applied = store_.Commit(*pending);
            Status reopened = OpenReaderLocked();
            if (!applied.ok() || !reopened.ok()) {
                Status st =
                    std::move(applied.ok() ? reopened : applied).Annotate("replica '" + config_.name + "': apply: ");
                events_.Record({}, false, false, st.message());
                return st;
            }
        }
    }
    report.duration_ms = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
    spdlog::debug("replica '{}': revision {}, {} pages ({} bytes) downloaded and journaled in {} ms, {} ms in all",
                  config_.name, report.revision, report.pages_pulled, report.bytes_pulled,
                  std::chrono::duration_cast<std::chrono::milliseconds>(downloaded - start).count(),
                  report.duration_ms);
    events_.Record(report, true, false, "");
    return report;
}

StatusOr<bool> ReplicaDatabase::Classify(const std::string& sql) {
    {
        std::lock_guard lock(file_mu_);
        if (reader_) {
            auto r = reader_->IsReadOnly(sql);
            // A refused ATTACH stays refused after a pull; other compile errors may be a table the pull brings.
            if (r.ok() || r.status().reason() == "ATTACH_REFUSED") return r;
        }
    }
    if (auto pulled = Pull(); !pulled.ok()) {
        std::lock_guard lock(file_mu_);
        if (!reader_) {
            return UnavailableError("replica '" + config_.name + "' has not been bootstrapped from " + config_.url +
                                    " yet: " + pulled.status().message())
                .WithReason("REPLICA_NOT_READY");
        }
    }
    std::lock_guard lock(file_mu_);
    if (!reader_) return UnavailableError("replica '" + config_.name + "' has no local copy yet");
    return reader_->IsReadOnly(sql);
}

StatusOr<ExecOutcome> ReplicaDatabase::Execute(const Stmt& stmt) {
    GANTRY_ASSIGN_OR_RETURN(bool read_only, Classify(stmt.sql));
    if (read_only) {
        std::lock_guard lock(file_mu_);
        if (!reader_) return UnavailableError("replica '" + config_.name + "' has no local copy yet");
        GANTRY_ASSIGN_OR_RETURN(auto result, reader_->Execute(stmt));
        return ExecOutcome{std::move(result), Served::kLocal};
    }
    GANTRY_ASSIGN_OR_RETURN(auto result, remote_->hrana().Execute(stmt));
    if (auto pulled = Pull(); !pulled.ok()) {
        spdlog::warn(
            "replica '{}': the write succeeded on the remote but the pull after it failed; local reads "
            "lag until the next pull: {}",
            config_.name, pulled.status().message());
    }
    return ExecOutcome{std::move(result), Served::kRemote};
}

StatusOr<BatchOutcome> ReplicaDatabase::RunBatch(const Batch& batch) {
    bool all_read = true;
    for (const auto& step : batch.steps) {
        GANTRY_ASSIGN_OR_RETURN(bool read_only, Classify(step.stmt.sql));
        all_read = all_read && read_only;
    }
    if (all_read) {
        std::lock_guard lock(file_mu_);
        if (!reader_) return UnavailableError("replica '" + config_.name + "' has no local copy yet");
        return BatchOutcome{reader_->RunBatch(batch), Served::kLocal};
    }
    GANTRY_ASSIGN_OR_RETURN(auto result, remote_->hrana().RunBatch(batch));
    if (auto pulled = Pull(); !pulled.ok()) {
        spdlog::warn("replica '{}': pull after a batch failed: {}", config_.name, pulled.status().message());
    }
    return BatchOutcome{std::move(result), Served::kRemote};
}

StatusOr<std::unique_ptr<Transaction>> ReplicaDatabase::Begin() {
    return BeginRemoteTransaction(remote_->hrana(), [this] { (void)Pull(); });
}

StatusOr<SyncReport> ReplicaDatabase::Sync() { return Pull(); }

StatusOr<bool> ReplicaDatabase::IsReadOnly(const Stmt& stmt) { return Classify(stmt.sql); }

}  // namespace gantry::turso

namespace gantry::turso {

StatusOr<uint64_t> ReplicaDatabase::ImportWorkingCopy(const std::string& working_copy_path) {
    std::vector<Stmt> changes;
    {
        GANTRY_ASSIGN_OR_RETURN(auto conn,
                                SqliteConnection::Open(working_copy_path, SqliteConnection::Access::kReadOnly));
        std::lock_guard lock(file_mu_);
        if (store_.revision().empty()) {
            return UnavailableError("replica '" + config_.name + "' has not been bootstrapped yet; Sync first")
                .WithReason("REPLICA_NOT_READY");
        }
        GANTRY_RETURN_IF_ERROR(conn->Attach(config_.path, "current"));
        GANTRY_ASSIGN_OR_RETURN(auto changeset, DiffAgainst(*conn, "current"));
        GANTRY_ASSIGN_OR_RETURN(changes, ChangesetToStatements(conn->raw(), changeset));
    }
    if (changes.empty()) return uint64_t{0};
    const PushPlan plan = BuildPushBatch(changes, "", 0);
    GANTRY_ASSIGN_OR_RETURN(auto result, remote_->hrana().RunBatch(plan.batch));
    GANTRY_RETURN_IF_ERROR(CheckPushOutcome(plan, result));
    GANTRY_RETURN_IF_ERROR(Pull().status());
    return static_cast<uint64_t>(changes.size());
}

}  // namespace gantry::turso
