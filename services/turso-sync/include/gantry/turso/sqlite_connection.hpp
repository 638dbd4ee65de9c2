#pragma once
/// @file A SQLite connection speaking the Hrana data model (the local engine of every mode but remote).

#include <memory>
#include <string>
#include <string_view>

#include "gantry/common/status.hpp"
#include "gantry/turso/hrana_types.hpp"

struct sqlite3;

namespace gantry::turso {

/// Whether `sql` is a VACUUM statement (its first keyword, after white space and comments, is VACUUM).
bool IsVacuum(std::string_view sql);

class SqliteConnection final {
public:
    enum class Access { kReadOnly, kReadWrite };
    /// Opens (read-write: creates) `path` with a busy timeout; errors name the file.
    static StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Access access);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    /// Runs one statement. SQL errors name SQLite's message: a missing table is NOT_FOUND ("UNDEFINED_TABLE"), a
    /// UNIQUE or PRIMARY KEY violation ALREADY_EXISTS ("UNIQUE_VIOLATION"), other constraints INVALID_ARGUMENT
    /// ("CONSTRAINT_VIOLATION"), the rest INVALID_ARGUMENT ("SQL_ERROR"); trailing text after the first statement
    /// is refused. ATTACH, DETACH and VACUUM INTO are refused here and in every other method (INVALID_ARGUMENT,
    /// "ATTACH_REFUSED"): statements never open other files on the host. Only `Attach` attaches. VACUUM works:
    /// the private temporary database it attaches has no file name.
    StatusOr<StmtResult> Execute(const Stmt& stmt);
    /// Runs a batch step by step, evaluating conditions as Hrana does.
    BatchResult RunBatch(const Batch& batch);
    /// Runs `;`-separated SQL without parameters or results.
    Status ExecScript(const std::string& sql);
    /// Attaches the database file `path` as `schema`: the one way to ATTACH, for turso-sync's own use (outbox,
    /// diffs against a working copy); never give it a user's text.
    Status Attach(const std::string& path, const std::string& schema);

    /// Whether `sql` only reads (compiles it without running it). A compile error is returned as such.
    StatusOr<bool> IsReadOnly(const std::string& sql);
    bool autocommit() const;
    /// "ok" or SQLite's first complaint.
    StatusOr<std::string> IntegrityCheck();
    sqlite3* raw() const { return db_; }
    const std::string& path() const { return path_; }

private:
    SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    static int Authorize(void* self, int action, const char*, const char*, const char*, const char*);
    /// SQLite's error as a Status, or ATTACH_REFUSED when the authorizer refused an ATTACH or DETACH.
    Status Error(int rc, const std::string& context);
    sqlite3* db_;
    std::string path_;
    bool attach_allowed_ = false;  // true only inside Attach
    bool attach_refused_ = false;  // set by the authorizer, read and cleared by Error
};

}  // namespace gantry::turso
