#pragma once
/// @file What a replica remembers between runs, kept in `<db>-gantry-sync.json` and replaced atomically
/// (write, fsync, rename, fsync the directory).

#include <string>

#include "gantry/common/status.hpp"

namespace gantry::turso {

struct SyncState {
    std::string revision;   // the server revision the database file holds ("" = never pulled)
    std::string client_id;  // this replica's identity for pushes

    /// Missing file = a fresh state; unreadable JSON is DATA_LOSS naming the file (never silently reset).
    static StatusOr<SyncState> Load(const std::string& path);
    Status Save(const std::string& path) const;
};

}  // namespace gantry::turso
