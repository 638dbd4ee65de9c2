#pragma once
/// @file One libmariadb connection with its prepared-statement cache.

#include <mysql.h>

#include <memory>
#include <mutex>
#include <string>

#include "gantry/db/connection.hpp"
#include "gantry/db/statement_cache.hpp"
#include "mariadb_dsn.hpp"

namespace gantry::db::mariadb {

struct ConnectParams {
    Dsn dsn;
    DriverOptions options;
};

class MariaDbConnection final : public Connection {
public:
    static StatusOr<std::unique_ptr<Connection>> Open(std::shared_ptr<const ConnectParams> params);
    ~MariaDbConnection() override;

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

private:
    MariaDbConnection(MYSQL* mysql, std::shared_ptr<const ConnectParams> params);
    static StatusOr<MYSQL*> Connect(const ConnectParams& params);
    Status Query(const std::string& sql);
    StatusOr<MYSQL_STMT*> Prepare(const std::string& sql);
    StatusOr<ExecResult> Run(MYSQL_STMT* stmt, const std::vector<Value>& params, RowSink& sink);
    Status FetchRows(MYSQL_STMT* stmt, MYSQL_RES* meta, RowSink& sink);
    Status Error(unsigned err, const char* sqlstate, const char* message);
    Status MysqlError();
    Status StmtError(MYSQL_STMT* stmt);
    void NoteSessionState();

    MYSQL* mysql_;
    std::shared_ptr<const ConnectParams> params_;
    unsigned long thread_id_;
    StatementCache<MYSQL_STMT*> cache_;
    bool broken_ = false;
    bool session_dirty_ = false;
};

}  // namespace gantry::db::mariadb
