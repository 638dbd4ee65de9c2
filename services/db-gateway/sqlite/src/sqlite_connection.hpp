#pragma once
/// @file One SQLite connection with its prepared-statement cache.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_set>

#include "gantry/db/connection.hpp"
#include "gantry/db/statement_cache.hpp"

namespace gantry::db::sqlite {

class SqliteConnection final : public Connection {
public:
    static StatusOr<std::unique_ptr<Connection>> Open(const DriverOptions& options);
    ~SqliteConnection() override;

    StatusOr<ExecResult> Execute(const std::string& sql, const std::vector<Value>& params, RowSink& sink) override;
    Status Begin(const TransactionOptions& options) override;
    Status Commit() override;
    Status Rollback() override;
    Status Reset() override;
    Status Ping() override;
    void Cancel() override;
    bool broken() const override { return broken_; }
    StatusOr<std::vector<TableEntry>> ListTables(const std::string& schema) override;
    StatusOr<std::vector<ColumnEntry>> DescribeTable(const std::string& table) override;
    StatusOr<int64_t> BulkInsert(const std::string& table, const std::vector<std::string>& columns,
                                 RowSource& rows) override;

    /// Whether a caller's statement is being prepared (read by the authorizer that refuses ATTACH).
    bool preparing() const { return preparing_; }
    /// The authorizer saw the statement being prepared read through a view or trigger.
    void NoteReadThroughView() { read_through_view_ = true; }

private:
    SqliteConnection(sqlite3* db, const DriverOptions& options);
    Status Exec(const char* sql, const std::string& context);
    StatusOr<sqlite3_stmt*> Prepare(const std::string& sql);
    Status EndTransaction(const char* sql);
    Status Fail(int rc, const std::string& context);
    /// Fills the columns of a statement that has just stepped (`has_row`: onto its first row).
    std::vector<Column> Columns(sqlite3_stmt* stmt, const std::string& sql, bool has_row,
                                std::vector<common::v1::ValueType>& declared);

    sqlite3* db_;
    std::string database_;
    // Cached statements that read through a view or trigger: a column's origin table column does not tell
    // its nullability there (the view may outer-join it).
    std::unordered_set<sqlite3_stmt*> through_view_;
    StatementCache<sqlite3_stmt*> cache_;
    bool query_only_ = false;
    bool broken_ = false;
    bool preparing_ = false;
    bool read_through_view_ = false;
};

}  // namespace gantry::db::sqlite
