#pragma once
/// @file A SQLite connection speaking the Hrana data model (the local engine of every mode but remote).

#include <memory>
#include <string>

#include "gantry/common/status.hpp"
#include "gantry/turso/hrana_types.hpp"

struct sqlite3;

namespace gantry::turso {

class SqliteConnection final {
public:
    enum class Access { kReadOnly, kReadWrite };
    /// Opens (read-write: creates) `path` with a busy timeout; errors name the file.
    static StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Access access);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    /// Runs one statement. SQL errors are INVALID_ARGUMENT with reason "SQL_ERROR" (or "CONSTRAINT_VIOLATION")
    /// naming SQLite's message; trailing text after the first statement is refused.
    StatusOr<StmtResult> Execute(const Stmt& stmt);
    /// Runs a batch step by step, evaluating conditions as Hrana does.
    BatchResult RunBatch(const Batch& batch);
    /// Runs `;`-separated SQL without parameters or results.
    Status ExecScript(const std::string& sql);

    /// Whether `sql` only reads (compiles it without running it). A compile error is returned as such.
    StatusOr<bool> IsReadOnly(const std::string& sql);
    bool autocommit() const;
    /// "ok" or SQLite's first complaint.
    StatusOr<std::string> IntegrityCheck();
    sqlite3* raw() const { return db_; }
    const std::string& path() const { return path_; }

private:
    SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_;
    std::string path_;
};

}  // namespace gantry::turso
