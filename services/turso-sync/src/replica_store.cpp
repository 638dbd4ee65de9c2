#include "gantry/turso/replica_store.hpp"

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
    : db_path_(db_path), state_path_(db_path + "-gantry-sync.json"), journal_(db_path + "-gantry-pull") {}

StatusOr<ReplicaStore> ReplicaStore::Open(const std::string& db_path) {
    ReplicaStore store(db_path);
    GANTRY_ASSIGN_OR_RETURN(store.state_, SyncState::Load(store.state_path_));
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

Status ReplicaStore::Apply(PullResult pull) {
    if (pull.pages.empty() && pull.revision == state_.revision) return Status::Ok();
    UseRollbackJournalFormat(pull);
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
