#include "gantry/turso/local_database.hpp"

namespace gantry::turso {

StatusOr<std::unique_ptr<LocalDatabase>> LocalDatabase::Open(DatabaseConfig config) {
    GANTRY_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(config.path, SqliteConnection::Access::kReadWrite));
    GANTRY_RETURN_IF_ERROR(conn->ExecScript("PRAGMA journal_mode=WAL"));
    return std::unique_ptr<LocalDatabase>(new LocalDatabase(std::move(config), std::move(conn)));
}

StatusOr<ExecOutcome> LocalDatabase::Execute(const Stmt& stmt) {
    std::lock_guard lock(mu_);
    GANTRY_ASSIGN_OR_RETURN(auto result, conn_->Execute(stmt));
    return ExecOutcome{std::move(result), Served::kLocal};
}

StatusOr<BatchOutcome> LocalDatabase::RunBatch(const Batch& batch) {
    std::lock_guard lock(mu_);
    return BatchOutcome{conn_->RunBatch(batch), Served::kLocal};
}

StatusOr<std::unique_ptr<Transaction>> LocalDatabase::Begin() {
    GANTRY_ASSIGN_OR_RETURN(auto tx, LocalTransaction::Begin(config_.path));
    return std::unique_ptr<Transaction>(std::move(tx));
}

StatusOr<SyncReport> LocalDatabase::Sync() {
    return FailedPreconditionError("database '" + config_.name + "' is local: it has no remote to sync with")
        .WithReason("NOT_SYNCED");
}

StatusOr<bool> LocalDatabase::IsReadOnly(const Stmt& stmt) {
    std::lock_guard lock(mu_);
    return conn_->IsReadOnly(stmt.sql);
}

StatusOr<std::unique_ptr<LocalTransaction>> LocalTransaction::Begin(const std::string& path) {
    GANTRY_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(path, SqliteConnection::Access::kReadWrite));
    GANTRY_RETURN_IF_ERROR(conn->ExecScript("BEGIN IMMEDIATE"));
    return std::unique_ptr<LocalTransaction>(new LocalTransaction(std::move(conn)));
}

LocalTransaction::~LocalTransaction() {
    if (open_) (void)conn_->ExecScript("ROLLBACK");
}

StatusOr<StmtResult> LocalTransaction::Execute(const Stmt& stmt) {
    if (!open_) return FailedPreconditionError("the transaction has ended");
    return conn_->Execute(stmt);
}

Status LocalTransaction::Commit() {
    if (!open_) return FailedPreconditionError("the transaction has ended");
    open_ = false;
    Status st = conn_->ExecScript("COMMIT");
    if (!st.ok() && !conn_->autocommit()) (void)conn_->ExecScript("ROLLBACK");
    return st;
}

Status LocalTransaction::Rollback() {
    if (!open_) return FailedPreconditionError("the transaction has ended");
    open_ = false;
    return conn_->ExecScript("ROLLBACK");
}

}  // namespace gantry::turso
