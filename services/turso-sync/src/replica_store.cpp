#include "gantry/turso/replica_store.hpp"

#include <cstdio>
#include <filesystem>

namespace gantry::turso {
namespace {

void UseRollbackJournalFormat(PullResult& pull) {
    for (auto& page : pull.pages) {
        if (page.number == 1) {
            page.data[18] = 1;  // file format write version: legacy (rollback journal)
            page.data[19] = 1;  // read version
        }
    }
}

}  // namespace

ReplicaStore::ReplicaStore(std::string db_path)
    : db_path_(db_path),
      state_path_(db_path + "-gantry-sync.json"),
      bootstrap_path_(db_path + "-gantry-bootstrap"),
      journal_(db_path + "-gantry-pull") {}

StatusOr<ReplicaStore> ReplicaStore::Open(const std::string& db_path) {
    ReplicaStore store(db_path);
    GANTRY_ASSIGN_OR_RETURN(store.state_, SyncState::Load(store.state_path_));
    GANTRY_RETURN_IF_ERROR(store.RecoverBootstrap());
    GANTRY_ASSIGN_OR_RETURN(auto contents, store.journal_.Read());
    if (contents.state == PageJournal::State::kComplete) {
        GANTRY_RETURN_IF_ERROR(ApplyPagesToFile(db_path, contents.pull));
        store.state_.revision = contents.pull.revision;
        GANTRY_RETURN_IF_ERROR(store.state_.Save(store.state_path_));
        store.recovered_ = true;
    }
    if (contents.state != PageJournal::State::kAbsent) GANTRY_RETURN_IF_ERROR(store.journal_.Remove());
    return store;
}

Status ReplicaStore::RecoverBootstrap() {
    std::error_code ec;
    const bool image = std::filesystem::exists(bootstrap_path_, ec);
    if (state_.bootstrap_revision.empty()) {
        if (image) std::filesystem::remove(bootstrap_path_, ec);  // written before the marker: never adopted
        return Status::Ok();
    }
    if (image && std::rename(bootstrap_path_.c_str(), db_path_.c_str()) != 0) {
        return UnavailableError("cannot move the bootstrap image into place at '" + db_path_ + "'");
    }
    GANTRY_RETURN_IF_ERROR(SyncParentDirectory(db_path_));
    SyncState done = state_;
    done.revision = done.bootstrap_revision;
    done.bootstrap_revision.clear();
    GANTRY_RETURN_IF_ERROR(done.Save(state_path_));
    state_ = std::move(done);
    recovered_ = true;
    return Status::Ok();
}

Status ReplicaStore::Bootstrap(const PullResult& pull) {
    std::error_code ec;
    std::filesystem::remove(bootstrap_path_, ec);
    GANTRY_RETURN_IF_ERROR(ApplyPagesToFile(bootstrap_path_, pull));
    SyncState marked = state_;
    marked.bootstrap_revision = pull.revision;
    GANTRY_RETURN_IF_ERROR(marked.Save(state_path_));
    if (std::rename(bootstrap_path_.c_str(), db_path_.c_str()) != 0) {
        return UnavailableError("cannot move the bootstrap image into place at '" + db_path_ + "'");
    }
    GANTRY_RETURN_IF_ERROR(SyncParentDirectory(db_path_));
    SyncState done = state_;
    done.revision = pull.revision;
    GANTRY_RETURN_IF_ERROR(done.Save(state_path_));
    state_ = std::move(done);
    return Status::Ok();
}

Status ReplicaStore::Apply(PullResult pull) {
    if (pull.pages.empty() && pull.revision == state_.revision) return Status::Ok();
    UseRollbackJournalFormat(pull);
    if (state_.revision.empty()) return Bootstrap(pull);
    GANTRY_RETURN_IF_ERROR(journal_.Write(pull));
    GANTRY_RETURN_IF_ERROR(ApplyPagesToFile(db_path_, pull));
    SyncState next = state_;
    next.revision = pull.revision;
    // Not fsyncing the directory here saves a disk flush per pull. If the rename is lost, the journal is still
    // there (replayed) or the recorded revision lags the pages, which only makes the next pull larger.
    GANTRY_RETURN_IF_ERROR(next.Save(state_path_, /*sync_directory=*/false));
    state_ = std::move(next);
    return journal_.Remove();
}

Status ReplicaStore::SaveState(SyncState state) {
    GANTRY_RETURN_IF_ERROR(state.Save(state_path_));
    state_ = std::move(state);
    return Status::Ok();
}

}  // namespace gantry::turso
