#include "gantry/turso/offline_database.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <random>

#include "gantry/turso/changeset_sql.hpp"
#include "gantry/turso/outbox.hpp"
#include "gantry/turso/page_journal.hpp"
#include "gantry/turso/push_batch.hpp"
#include "gantry/turso/session_capture.hpp"

namespace gantry::turso {
namespace {

std::string NewClientId() {
    std::mt19937_64 rng{std::random_device{}()};
    char buf[48];
    std::snprintf(buf, sizeof buf, "gantry-%016llx%016llx", static_cast<unsigned long long>(rng()),
                  static_cast<unsigned long long>(rng()));
    return buf;
}

}  // namespace

StatusOr<std::unique_ptr<OfflineDatabase>> OfflineDatabase::Open(DatabaseConfig config,
                                                                 std::unique_ptr<RemoteEndpoint> remote) {
    GANTRY_ASSIGN_OR_RETURN(auto base, ReplicaStore::Open(config.path + "-gantry-base"));
    if (base.state().client_id.empty()) {
        SyncState state = base.state();
        state.client_id = NewClientId();
        GANTRY_RETURN_IF_ERROR(base.SaveState(std::move(state)));
    }
    std::unique_ptr<OfflineDatabase> db(new OfflineDatabase(std::move(config), std::move(remote), std::move(base)));
    std::error_code ec;
    std::filesystem::remove(db->config_.path + ".gantry-rebuild", ec);  // an interrupted rebuild; the old copy stands
    {
        std::lock_guard lock(db->mu_);
        const bool have_working = std::filesystem::exists(db->config_.path, ec);
        const bool have_base = std::filesystem::exists(db->base_path_, ec);
        if (have_working && !std::filesystem::exists(db->outbox_path_, ec)) {
            return FailedPreconditionError("'" + db->config_.path +
                                           "' exists but is not an offline working copy made "
                                           "by turso-sync; it is left untouched. Move it away, or bring its rows to "
                                           "the remote with ImportWorkingCopy")
                .WithReason("NOT_A_WORKING_COPY");
        }
        GANTRY_RETURN_IF_ERROR(db->OpenWorkingLocked());
        if (!have_working && have_base) GANTRY_RETURN_IF_ERROR(db->RebuildLocked());
        db->RefreshQueuedLocked();
    }
    auto* raw = db.get();
    db->scheduler_ = std::make_unique<SyncScheduler>(db->config_.sync_interval, [raw] { (void)raw->Sync(); });
    return db;
}

OfflineDatabase::OfflineDatabase(DatabaseConfig config, std::unique_ptr<RemoteEndpoint> remote, ReplicaStore base)
    : config_(std::move(config)),
      remote_(std::move(remote)),
      base_path_(config_.path + "-gantry-base"),
      outbox_path_(config_.path + "-gantry-outbox.db"),
      base_(std::move(base)) {}

OfflineDatabase::~OfflineDatabase() {
    scheduler_.reset();
    std::lock_guard sync_lock(sync_mu_);
    std::lock_guard lock(mu_);
    if (Status st = base_.Close(); !st.ok()) {
        spdlog::warn("database '{}': the pull journal stays for the next start to replay: {}", config_.name,
                     st.message());
    }
}

Status OfflineDatabase::OpenWorkingLocked() {
    GANTRY_ASSIGN_OR_RETURN(working_, SqliteConnection::Open(config_.path, SqliteConnection::Access::kReadWrite));
    // Rollback-journal mode: a write and its outbox entry commit atomically across both files.
    GANTRY_RETURN_IF_ERROR(working_->ExecScript("PRAGMA journal_mode=DELETE"));
    return Outbox::Attach(*working_, outbox_path_);
}

StatusOr<SqliteConnection*> OfflineDatabase::WorkingLocked() {
    if (!working_) {
        Status reopened = OpenWorkingLocked();
        if (!reopened.ok()) {
            working_.reset();
            return std::move(reopened).Annotate("database '" + config_.name + "': the working copy cannot be opened: ");
        }
    }
    return working_.get();
}

void OfflineDatabase::RefreshQueuedLocked() {
    if (!working_) return;
    if (auto n = Outbox::Count(*working_); n.ok()) events_.SetQueued(*n);
}

std::string OfflineDatabase::revision() const {
    std::lock_guard lock(mu_);
    return base_.revision();
}

StatusOr<bool> OfflineDatabase::IsReadOnly(const Stmt& stmt) {
    std::lock_guard lock(mu_);
    GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
    return working->IsReadOnly(stmt.sql);
}

StatusOr<ExecOutcome> OfflineDatabase::Execute(const Stmt& stmt) {
    std::lock_guard lock(mu_);
    GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
    GANTRY_ASSIGN_OR_RETURN(bool read_only, working->IsReadOnly(stmt.sql));
    // VACUUM compacts the working copy and changes no row, so there is nothing to capture (and it cannot run
    // inside the capture's transaction). The pulled base, whose pages must stay the server's, is never vacuumed.
    if (read_only || IsVacuum(stmt.sql)) {
        GANTRY_ASSIGN_OR_RETURN(auto result, working->Execute(stmt));
        return ExecOutcome{std::move(result), Served::kLocal};
    }
    StmtResult result;
    GANTRY_RETURN_IF_ERROR(CaptureWrite(*working, stmt.sql, [&]() -> Status {
                               GANTRY_ASSIGN_OR_RETURN(result, working->Execute(stmt));
                               return Status::Ok();
                           }).status());
    RefreshQueuedLocked();
    return ExecOutcome{std::move(result), Served::kLocal};
}

StatusOr<BatchOutcome> OfflineDatabase::RunBatch(const Batch& batch) {
    std::lock_guard lock(mu_);
    GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
    BatchResult result;
    GANTRY_RETURN_IF_ERROR(CaptureWrite(*working, "", [&]() -> Status {
                               result = working->RunBatch(batch);
                               return Status::Ok();
                           }).status());
    RefreshQueuedLocked();
    return BatchOutcome{std::move(result), Served::kLocal};
}

StatusOr<std::unique_ptr<Transaction>> OfflineDatabase::Begin() {
    return FailedPreconditionError("database '" + config_.name +
                                   "' is offline: interactive transactions are not offered; use Batch")
        .WithReason("NO_TRANSACTIONS_OFFLINE");
}

StatusOr<uint64_t> OfflineDatabase::Push() {
    std::vector<OutboxEntry> entries;
    std::vector<Stmt> changes;
    std::string client_id;
    {
        std::lock_guard lock(mu_);
        GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
        GANTRY_ASSIGN_OR_RETURN(entries, Outbox::List(*working));
        client_id = base_.state().client_id;
    }
    if (entries.empty()) return uint64_t{0};
    GANTRY_ASSIGN_OR_RETURN(const int64_t already,
                            ParseLastPushed(remote_->hrana().Execute(LastPushedQuery(client_id))));
    int64_t last_id = 0;
    {
        std::lock_guard lock(mu_);
        GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
        for (const auto& e : entries) {
            if (e.id <= already) continue;  // reached the remote in a push whose answer was lost
            last_id = e.id;
            if (e.kind == OutboxEntry::Kind::kSql) {
                changes.push_back({e.payload, {}, {}, false});
                continue;
            }
            GANTRY_ASSIGN_OR_RETURN(auto stmts, ChangesetToStatements(working->raw(), e.payload));
            for (auto& s : stmts) changes.push_back(std::move(s));
        }
    }
    if (last_id > 0) {
        const PushPlan plan = BuildPushBatch(changes, client_id, last_id);
        GANTRY_ASSIGN_OR_RETURN(auto result, remote_->hrana().RunBatch(plan.batch));
        GANTRY_RETURN_IF_ERROR(CheckPushOutcome(plan, result));
    }
    std::lock_guard lock(mu_);
    GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
    GANTRY_RETURN_IF_ERROR(Outbox::RemoveThrough(*working, std::max(last_id, already)));
    RefreshQueuedLocked();
    return static_cast<uint64_t>(changes.size());
}

Status OfflineDatabase::RebuildLocked() {
    const std::string tmp = config_.path + ".gantry-rebuild";
    GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
    GANTRY_ASSIGN_OR_RETURN(auto entries, Outbox::List(*working));
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    if (std::filesystem::exists(base_path_, ec)) {
        std::filesystem::copy_file(base_path_, tmp, std::filesystem::copy_options::overwrite_existing, ec);
        if (ec) return UnavailableError("cannot copy the base to '" + tmp + "': " + ec.message());
    }
    {
        GANTRY_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(tmp, SqliteConnection::Access::kReadWrite));
        GANTRY_RETURN_IF_ERROR(conn->ExecScript("PRAGMA journal_mode=DELETE; BEGIN"));
        for (const auto& e : entries) {
            Status st =
                e.kind == OutboxEntry::Kind::kSql ? conn->ExecScript(e.payload) : ApplyChangeset(*conn, e.payload);
            if (!st.ok()) {
                (void)conn->ExecScript("ROLLBACK");
                return std::move(st).Annotate("rebuilding the working copy of '" + config_.name + "': ");
            }
        }
        GANTRY_RETURN_IF_ERROR(conn->ExecScript("COMMIT"));
    }
    GANTRY_RETURN_IF_ERROR(SyncFile(tmp));
    working_.reset();
    std::filesystem::rename(tmp, config_.path, ec);
    if (ec) {
        // The old working copy stands; it is reopened by the next call (WorkingLocked).
        return UnavailableError("cannot swap in the rebuilt working copy: " + ec.message());
    }
    GANTRY_RETURN_IF_ERROR(SyncParentDirectory(config_.path));
    return OpenWorkingLocked();
}

StatusOr<SyncReport> OfflineDatabase::Sync() {
    std::lock_guard sync_lock(sync_mu_);
    const auto start = std::chrono::steady_clock::now();
    SyncReport report;
    auto fail = [&](Status st, bool pushed) {
        Status annotated = std::move(st).Annotate("database '" + config_.name + "': sync: ");
        events_.Record(report, false, pushed, annotated.message());
        return annotated;
    };
    auto pushed = Push();
    if (!pushed.ok()) return fail(pushed.status(), false);
    report.changes_pushed = *pushed;
    std::string from;
    std::unique_ptr<ReplicaStore::PendingPull> pending;
    {
        std::lock_guard lock(mu_);
        from = base_.revision();
        pending = base_.BeginPull();
    }
    auto pulled = remote_->pull().Pull(from, *pending);  // pages stream to the base's journal as they download
    if (!pulled.ok()) return fail(pulled.status(), *pushed > 0);
    report.pages_pulled = pulled->pages;
    report.bytes_pulled = pulled->bytes;
    report.revision = pulled->revision;
    {
        std::lock_guard lock(mu_);
        const bool changed = pulled->pages > 0 || pulled->revision != base_.revision();
        if (Status st = base_.Commit(*pending); !st.ok()) return fail(st, *pushed > 0);
        if (changed) {
            if (Status st = RebuildLocked(); !st.ok()) return fail(st, *pushed > 0);
        }
    }
    report.duration_ms = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
    events_.Record(report, true, *pushed > 0, "");
    return report;
}

StatusOr<uint64_t> OfflineDatabase::ImportWorkingCopy(const std::string& working_copy_path) {
    std::string changeset;
    {
        GANTRY_ASSIGN_OR_RETURN(auto conn,
                                SqliteConnection::Open(working_copy_path, SqliteConnection::Access::kReadOnly));
        std::lock_guard lock(mu_);
        GANTRY_RETURN_IF_ERROR(conn->Attach(config_.path, "current"));
        GANTRY_ASSIGN_OR_RETURN(changeset, DiffAgainst(*conn, "current"));
        GANTRY_ASSIGN_OR_RETURN(auto stmts, ChangesetToStatements(conn->raw(), changeset));
        if (stmts.empty()) return uint64_t{0};
        GANTRY_ASSIGN_OR_RETURN(SqliteConnection * working, WorkingLocked());
        GANTRY_RETURN_IF_ERROR(
            CaptureWrite(*working, "", [&]() { return ApplyChangeset(*working, changeset); }).status());
        RefreshQueuedLocked();
    }
    GANTRY_ASSIGN_OR_RETURN(auto report, Sync());
    return report.changes_pushed;
}

}  // namespace gantry::turso
