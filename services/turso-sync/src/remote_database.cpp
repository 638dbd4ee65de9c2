#include "gantry/turso/remote_database.hpp"

#include <algorithm>
#include <cctype>

namespace gantry::turso {
namespace {

std::string UpperWords(const std::string& sql) {
    std::string out;
    out.reserve(sql.size());
    for (char c : sql) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}

bool HasWord(const std::string& upper, const std::string& word) {
    for (size_t pos = upper.find(word); pos != std::string::npos; pos = upper.find(word, pos + 1)) {
        const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(upper[pos - 1]));
        const size_t end = pos + word.size();
        const bool right = end >= upper.size() || !std::isalnum(static_cast<unsigned char>(upper[end]));
        if (left && right) return true;
    }
    return false;
}

}  // namespace

bool LooksReadOnly(const std::string& sql) {
    const std::string upper = UpperWords(sql);
    const size_t start = upper.find_first_not_of(" \t\r\n(");
    if (start == std::string::npos) return false;
    const std::string head = upper.substr(start);
    auto starts = [&](const char* w) { return head.rfind(w, 0) == 0; };
    for (const char* write : {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"}) {
        if (HasWord(head, write) && !starts("SELECT") && !starts("EXPLAIN")) return false;
    }
    if (starts("PRAGMA")) return head.find('=') == std::string::npos && head.find('(') == std::string::npos;
    return starts("SELECT") || starts("WITH") || starts("EXPLAIN") || starts("VALUES");
}

StatusOr<ExecOutcome> RemoteDatabase::Execute(const Stmt& stmt) {
    GANTRY_ASSIGN_OR_RETURN(auto result, remote_->hrana().Execute(stmt));
    return ExecOutcome{std::move(result), Served::kRemote};
}

StatusOr<BatchOutcome> RemoteDatabase::RunBatch(const Batch& batch) {
    GANTRY_ASSIGN_OR_RETURN(auto result, remote_->hrana().RunBatch(batch));
    return BatchOutcome{std::move(result), Served::kRemote};
}

StatusOr<std::unique_ptr<Transaction>> RemoteDatabase::Begin() {
    return BeginRemoteTransaction(remote_->hrana(), nullptr);
}

StatusOr<SyncReport> RemoteDatabase::Sync() {
    return FailedPreconditionError("database '" + config_.name +
                                   "' is remote: it keeps no local replica to sync (use mode replica)")
        .WithReason("NOT_SYNCED");
}

StatusOr<bool> RemoteDatabase::IsReadOnly(const Stmt& stmt) { return LooksReadOnly(stmt.sql); }

StatusOr<std::unique_ptr<Transaction>> BeginRemoteTransaction(HranaClient& hrana, std::function<void()> on_commit) {
    GANTRY_ASSIGN_OR_RETURN(auto stream, hrana.OpenStream());
    GANTRY_RETURN_IF_ERROR(stream.Execute({"BEGIN", {}, {}, false}).status());
    return std::unique_ptr<Transaction>(new RemoteTransaction(std::move(stream), std::move(on_commit)));
}

RemoteTransaction::~RemoteTransaction() {
    if (stream_.open()) (void)Rollback();
}

Status RemoteTransaction::Commit() {
    auto r = stream_.Execute({"COMMIT", {}, {}, false});
    if (!r.ok()) {
        if (stream_.open()) (void)stream_.Execute({"ROLLBACK", {}, {}, false});
        (void)stream_.Close();
        return r.status();
    }
    (void)stream_.Close();
    if (on_commit_) on_commit_();
    return Status::Ok();
}

Status RemoteTransaction::Rollback() {
    auto r = stream_.Execute({"ROLLBACK", {}, {}, false});
    (void)stream_.Close();
    return r.status();
}

}  // namespace gantry::turso
