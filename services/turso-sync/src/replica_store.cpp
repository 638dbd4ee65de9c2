#include "gantry/turso/replica_store.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace gantry::turso {

ReplicaStore::ReplicaStore(std::string db_path)
    : db_path_(db_path),
      state_path_(db_path + "-gantry-sync.json"),
      bootstrap_path_(db_path + "-gantry-bootstrap"),
      journal_(db_path + "-gantry-pull") {}

StatusOr<ReplicaStore> ReplicaStore::Open(const std::string& db_path) {
    ReplicaStore store(db_path);
    GANTRY_ASSIGN_OR_RETURN(store.state_, SyncState::Load(store.state_path_));
    GANTRY_RETURN_IF_ERROR(store.RecoverBootstrap());
    GANTRY_ASSIGN_OR_RETURN(auto journal, store.journal_.Inspect());
    if (journal.state == PageJournal::State::kComplete) {
        GANTRY_RETURN_IF_ERROR(store.journal_.ApplyTo(db_path, journal));
        store.state_.revision = journal.revision;
        GANTRY_RETURN_IF_ERROR(store.state_.Save(store.state_path_));
        store.recovered_ = true;
    }
    GANTRY_RETURN_IF_ERROR(store.journal_.Remove());  // also a temporary one left by a download in progress
    return store;
}

Status ReplicaStore::RecoverBootstrap() {
    std::error_code ec;
    const bool image = std::filesystem::exists(bootstrap_path_, ec);
    if (state_.bootstrap_revision.empty()) {
        if (image) std::filesystem::remove(bootstrap_path_, ec);  // written before the marker: never adopted
        return Status::Ok();
    }
    if (!image && !std::filesystem::exists(db_path_, ec)) {
        // A marker whose image is gone and never arrived: nothing to finish; the next pull bootstraps again.
        SyncState unmarked = state_;
        unmarked.bootstrap_revision.clear();
        GANTRY_RETURN_IF_ERROR(unmarked.Save(state_path_));
        state_ = std::move(unmarked);
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

// ---- PendingPull ----

ReplicaStore::PendingPull::PendingPull(const ReplicaStore& store, bool bootstrap)
    : bootstrap_path_(store.bootstrap_path_), journal_(store.journal_.path()), bootstrap_(bootstrap) {}

ReplicaStore::PendingPull::~PendingPull() {
    if (!committed_ && bootstrap_ && image_) ::unlink(bootstrap_path_.c_str());
    // An uncommitted journal writer removes its temporary file itself.
}

std::unique_ptr<ReplicaStore::PendingPull> ReplicaStore::BeginPull() const {
    return std::unique_ptr<PendingPull>(new PendingPull(*this, state_.revision.empty()));
}

Status ReplicaStore::PendingPull::OnHeader(const std::string& revision, uint64_t db_size) {
    revision_ = revision;
    db_size_ = db_size;
    pages_ = 0;
    // A retried request starts over: whatever an earlier attempt wrote is emptied.
    if (bootstrap_) {
        if (image_) return image_->Restart();
        GANTRY_ASSIGN_OR_RETURN(auto image, PageFileWriter::Open(bootstrap_path_, /*truncate=*/true));
        image_.emplace(std::move(image));
        return Status::Ok();
    }
    return journal_writer_ ? journal_writer_->Restart() : Status::Ok();
}

Status ReplicaStore::PendingPull::OnPage(uint64_t number, std::string_view data) {
    if (number == 1) {
        page1_.assign(data);
        page1_[18] = 1;  // file format write version: legacy (rollback journal)
        page1_[19] = 1;  // read version
        data = page1_;
    }
    ++pages_;
    if (bootstrap_) return image_->Write(number, data);
    if (!journal_writer_) {
        GANTRY_ASSIGN_OR_RETURN(journal_writer_, journal_.StartWrite());
    }
    return journal_writer_->Add(number, data);
}

// ---- Commit ----

Status ReplicaStore::CommitBootstrap(PendingPull& pull) {
    if (!pull.image_) return FailedPreconditionError("a bootstrap was committed before its header arrived");
    GANTRY_RETURN_IF_ERROR(pull.image_->Finish(pull.db_size_));
    SyncState marked = state_;
    marked.bootstrap_revision = pull.revision_;
    GANTRY_RETURN_IF_ERROR(marked.Save(state_path_));
    pull.committed_ = true;  // from here on the image belongs to the marker: Open finishes it
    if (std::rename(bootstrap_path_.c_str(), db_path_.c_str()) != 0) {
        Status failed = UnavailableError("cannot move the bootstrap image into place at '" + db_path_ + "'");
        // Unmark it, so that the next bootstrap, which rewrites the image, never runs under this marker.
        if (!state_.Save(state_path_).ok()) pull.committed_ = false;
        return failed;
    }
    GANTRY_RETURN_IF_ERROR(SyncParentDirectory(db_path_));
    SyncState done = state_;
    done.revision = pull.revision_;
    GANTRY_RETURN_IF_ERROR(done.Save(state_path_));
    state_ = std::move(done);
    return Status::Ok();
}

Status ReplicaStore::Commit(PendingPull& pull) {
    if (pull.pages_ == 0 && pull.revision_ == state_.revision) return Status::Ok();
    if (pull.bootstrap_) return CommitBootstrap(pull);
    if (!pull.journal_writer_) {
        GANTRY_ASSIGN_OR_RETURN(pull.journal_writer_, journal_.StartWrite());
    }
    // Step 0 (see the header): the previous journal may be replaced only once its pages are durable.
    GANTRY_RETURN_IF_ERROR(WaitForDatabaseSync());
    // Steps 1 and 2: the journal is durable before the database file changes.
    GANTRY_RETURN_IF_ERROR(pull.journal_writer_->Commit(pull.revision_, pull.db_size_));
    pull.committed_ = true;
    // Step 3: the pages, then their fsync in the background.
    PageJournal::Summary summary{PageJournal::State::kComplete, pull.revision_, pull.db_size_, pull.pages_};
    GANTRY_RETURN_IF_ERROR(journal_.ApplyTo(db_path_, summary, /*sync=*/false));
    database_sync_ = std::async(std::launch::async, [sync = sync_database_, path = db_path_] { return sync(path); });
    state_.revision = pull.revision_;  // recorded by the journal; the state file catches up in Open or Close
    return Status::Ok();
}

Status ReplicaStore::WaitForDatabaseSync() {
    if (!database_sync_.valid()) return Status::Ok();
    Status synced = database_sync_.get();
    if (synced.ok()) return Status::Ok();
    GANTRY_ASSIGN_OR_RETURN(auto journal, journal_.Inspect());
    if (journal.state != PageJournal::State::kComplete) return synced;  // cannot happen: the journal was durable
    return journal_.ApplyTo(db_path_, journal);
}

Status ReplicaStore::Apply(const PullResult& pull) {
    auto pending = BeginPull();
    GANTRY_RETURN_IF_ERROR(pending->OnHeader(pull.revision, pull.db_size));
    for (const auto& page : pull.pages) GANTRY_RETURN_IF_ERROR(pending->OnPage(page.number, page.data));
    return Commit(*pending);
}

Status ReplicaStore::Close() {
    std::error_code ec;
    GANTRY_RETURN_IF_ERROR(WaitForDatabaseSync());
    if (!std::filesystem::exists(journal_.path(), ec)) return Status::Ok();
    // The journal's pages are durable in the database file, so the state may now take its revision.
    GANTRY_RETURN_IF_ERROR(state_.Save(state_path_));
    return journal_.Remove();
}

Status ReplicaStore::SaveState(SyncState state) {
    GANTRY_RETURN_IF_ERROR(state.Save(state_path_));
    state_ = std::move(state);
    return Status::Ok();
}

}  // namespace gantry::turso
