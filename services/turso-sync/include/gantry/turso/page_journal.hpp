#pragma once
/// @file The redo journal that makes a pull crash-safe.
///
/// A pull is first written whole to `<db>-gantry-pull` (pages, db size, revision, then a checksummed trailer)
/// and fsynced; only then are the pages written into the database file. A journal with a valid trailer is
/// replayed at the next open (replay is idempotent); one without is discarded, and the database file was
/// never touched. So after a `kill -9` at any moment the replica holds either the old or the new revision.

#include <string>

#include "gantry/common/status.hpp"
#include "gantry/turso/pull_protocol.hpp"

namespace gantry::turso {

class PageJournal final {
public:
    explicit PageJournal(std::string path) : path_(std::move(path)) {}

    /// Writes `pull` durably (file and directory fsynced).
    Status Write(const PullResult& pull) const;

    enum class State { kAbsent, kTorn, kComplete };
    struct Contents {
        State state = State::kAbsent;
        PullResult pull;
    };
    /// Reads the journal; a short file or a bad checksum is kTorn.
    StatusOr<Contents> Read() const;
    /// Removes the journal (not fsynced: a journal that comes back after a crash is replayed again, harmlessly).
    Status Remove() const;

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Writes `pull`'s pages into the database file at `db_path`, sized to db_size pages, and fsyncs it (and its
/// directory when the file is new).
Status ApplyPagesToFile(const std::string& db_path, const PullResult& pull);

/// fsyncs the file at `path`.
Status SyncFile(const std::string& path);

/// fsyncs the directory holding `path`, so a create, rename or unlink in it is durable.
Status SyncParentDirectory(const std::string& path);

}  // namespace gantry::turso
