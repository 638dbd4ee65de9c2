#pragma once
/// @file A replica's files: the SQLite database holding the server's pages, the redo journal and the sync
/// state. Receives pulls as they download, applies them crash-safely and recovers an interrupted one on open.

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/turso/page_journal.hpp"
#include "gantry/turso/sync_state.hpp"

namespace gantry::turso {

class ReplicaStore final {
public:
    /// Recovers first: a complete journal is replayed, a torn one discarded.
    static StatusOr<ReplicaStore> Open(const std::string& db_path);

    /// One pull on its way to disk, fed by the decoder while it downloads. A bootstrap (no revision yet) writes
    /// its pages straight into the image `<db>-gantry-bootstrap`; a later pull streams them into the redo
    /// journal's temporary file. Neither is a file readers see, so reads go on meanwhile. Page 1 is stored in
    /// rollback-journal mode (header bytes 18/19 = 1) so that local readers never look for a WAL the server's
    /// pages do not belong to. Destroying a pull that was not committed removes what it wrote.
    class PendingPull final : public PullSink {
    public:
        Status OnHeader(const std::string& revision, uint64_t db_size) override;
        Status OnPage(uint64_t number, std::string_view data) override;
        const std::string& revision() const { return revision_; }
        uint64_t pages() const { return pages_; }
        ~PendingPull() override;

    private:
        friend class ReplicaStore;
        PendingPull(const ReplicaStore& store, bool bootstrap);
        std::string bootstrap_path_;
        PageJournal journal_;
        bool bootstrap_;
        std::string revision_;
        uint64_t db_size_ = 0;
        uint64_t pages_ = 0;
        bool committed_ = false;
        std::optional<PageFileWriter> image_;                  // bootstrap
        std::unique_ptr<PageJournal::Writer> journal_writer_;  // later pulls, opened at the first page
        std::string page1_;                                    // page 1 with its format bytes changed
    };

    /// Starts receiving a pull (see PendingPull).
    std::unique_ptr<PendingPull> BeginPull() const;
    /// Makes a received pull durable and applies it; no SQLite connection may have the file open meanwhile.
    /// A pull that brought nothing new touches no file.
    ///
    /// Bootstrap: the image is fsynced, the state records `bootstrap_revision`, the image is renamed over the
    /// database, and the state records the revision; Open finishes a bootstrap interrupted after the marker and
    /// discards an image written before it.
    ///
    /// Later pulls, in this order (each step is needed for crash safety):
    ///  0. the previous pull's database fsync, started in the background when that pull returned, must have
    ///     finished (normally it has, during this pull's download): its journal may be replaced only once its
    ///     pages are durable in the database file;
    ///  1. the journal file is fsynced, renamed into place, and 2. the directory fsynced: the journal (pages, db
    ///     size, revision) is durable before the database file changes, so a crash while pages are written is
    ///     repaired by replaying it;
    ///  3. the pages are written into the database file, and its fsync starts in the background; the pull
    ///     returns (readers see the pages through the page cache; a crash before that fsync ends is repaired
    ///     by replaying this journal, which stays in place until step 0 of the next pull).
    /// So a pull waits for two fsyncs. The journal stays in place after the pull as the durable record of the
    /// revision, so the state file is not rewritten per pull: Open replays a journal it finds (idempotent: the
    /// same pages again) and folds its revision into the state; so does Close, after the database fsync.
    Status Commit(PendingPull& pull);
    /// Receives and commits a whole in-memory pull.
    Status Apply(const PullResult& pull);
    /// Folds an applied journal into the state file and removes it (clean shutdown), so the next Open has
    /// nothing to replay.
    Status Close();

    const std::string& revision() const { return state_.revision; }
    const SyncState& state() const { return state_; }
    Status SaveState(SyncState state);
    const std::string& db_path() const { return db_path_; }
    /// Whether the last Open replayed a journal or finished a bootstrap (for logs and tests).
    bool recovered() const { return recovered_; }
    /// Tests: replaces the background database fsync (to make it fail).
    void SetDatabaseSyncForTesting(std::function<Status(const std::string&)> sync) { sync_database_ = std::move(sync); }

private:
    explicit ReplicaStore(std::string db_path);
    /// Step 0 of Commit: waits for the background database fsync; if it failed, replays the journal in place
    /// and fsyncs in the foreground (after a failed fsync the kernel may have dropped the pages).
    Status WaitForDatabaseSync();
    Status CommitBootstrap(PendingPull& pull);
    /// Finishes or discards an interrupted bootstrap (called by Open).
    Status RecoverBootstrap();
    std::string db_path_;
    std::string state_path_;
    std::string bootstrap_path_;
    PageJournal journal_;
    SyncState state_;
    bool recovered_ = false;
    std::function<Status(const std::string&)> sync_database_ = SyncFile;
    std::future<Status> database_sync_;  // the last pull's database fsync, running in the background
};

}  // namespace gantry::turso
