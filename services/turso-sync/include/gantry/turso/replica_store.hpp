#pragma once
/// @file A replica's files: the SQLite database holding the server's pages, the redo journal and the sync
/// state. Applies pulls crash-safely and recovers an interrupted one on open.

#include <string>

#include "gantry/common/status.hpp"
#include "gantry/turso/page_journal.hpp"
#include "gantry/turso/sync_state.hpp"

namespace gantry::turso {

class ReplicaStore final {
public:
    /// Recovers first: a complete journal is replayed, a torn one discarded.
    static StatusOr<ReplicaStore> Open(const std::string& db_path);

    /// Applies `pull` (journal, pages, revision, journal removed). No SQLite connection may have the file
    /// open meanwhile. Page 1 is stored in rollback-journal mode (header bytes 18/19 = 1) so that local
    /// readers never look for a WAL the server's pages do not belong to.
    ///
    /// A bootstrap (no revision yet) skips the journal and writes the data once: the image goes to
    /// `<db>-gantry-bootstrap` (fsynced), the state records `bootstrap_revision`, the image is renamed over the
    /// database, and the state records the revision. Open finishes a bootstrap interrupted after the marker and
    /// discards an image written before it.
    Status Apply(PullResult pull);

    const std::string& revision() const { return state_.revision; }
    const SyncState& state() const { return state_; }
    Status SaveState(SyncState state);
    const std::string& db_path() const { return db_path_; }
    /// Whether the last Open replayed a journal (for logs and tests).
    bool recovered() const { return recovered_; }

private:
    explicit ReplicaStore(std::string db_path);
    Status Bootstrap(const PullResult& pull);
    /// Finishes or discards an interrupted bootstrap (called by Open).
    Status RecoverBootstrap();
    std::string db_path_;
    std::string state_path_;
    std::string bootstrap_path_;
    PageJournal journal_;
    SyncState state_;
    bool recovered_ = false;
};

}  // namespace gantry::turso
