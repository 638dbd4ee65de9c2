#pragma once
/// @file What a replica remembers between runs, kept in `<db>-gantry-sync.json` and replaced atomically
/// (write, fsync, rename, fsync the directory).

#include <string>

#include "gantry/common/status.hpp"

namespace gantry::turso {

struct SyncState {
    std::string revision;   // the server revision the database file holds ("" = never pulled)
    std::string client_id;  // this replica's identity for pushes
    /// Set while a bootstrap image is being renamed into place: the revision it holds (see ReplicaStore).
    std::string bootstrap_revision;

    /// Missing file = a fresh state; unreadable JSON is DATA_LOSS naming the file (never silently reset).
    static StatusOr<SyncState> Load(const std::string& path);
    /// The content is always fsynced before the rename. `sync_directory` = false skips making the rename itself
    /// durable: after a crash the previous state may come back, which callers must tolerate (a replica whose
    /// recorded revision lags its pages is still correct: the next pull sends a superset).
    Status Save(const std::string& path, bool sync_directory = true) const;
};

}  // namespace gantry::turso
