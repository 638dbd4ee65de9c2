#pragma once
/// @file A small synchronous client for gantry.db.v1.Database used by the db tier, plus value helpers.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gantry/common/status.hpp"
#include "gantry/db/v1/database.grpc.pb.h"

namespace gantry::testing {

namespace dbv1 = gantry::db::v1;
using common::v1::Row;
using common::v1::Value;

Value I(int64_t v);
Value T(const std::string& v);
Value B(const std::string& bytes);
Value Null();

using Named = std::map<std::string, Value>;

class DbClient {
public:
    explicit DbClient(const std::string& address, std::string token = "admin-token-for-tests");

    StatusOr<dbv1::ExecuteResponse> Execute(const std::string& db, const std::string& sql, const Named& named = {},
                                            const std::string& tx = "", int deadline_ms = 20000);
    StatusOr<dbv1::ExecuteResponse> ExecutePositional(const std::string& db, const std::string& sql,
                                                      const std::vector<Value>& params, int deadline_ms = 20000);
    StatusOr<dbv1::ExecuteResponse> Query(const std::string& db, const std::string& sql, const Named& named = {});
    /// Sends a request as built by the caller: Execute, or Query when `read_only`.
    StatusOr<dbv1::ExecuteResponse> Send(const dbv1::ExecuteRequest& req, bool read_only = false,
                                         int deadline_ms = 20000);
    StatusOr<dbv1::ExecuteResponse> ExecuteStatement(const dbv1::ExecuteStatementRequest& req);
    StatusOr<std::string> Begin(const std::string& db, bool read_only = false, int64_t idle_timeout_ms = 0);
    Status Commit(const std::string& tx);
    Status Rollback(const std::string& tx);
    StatusOr<dbv1::ExecuteBatchResponse> Batch(const std::string& db, const std::vector<std::string>& statements,
                                               bool atomic);
    struct Streamed {
        int64_t rows = 0;
        int chunks = 0;
        int64_t first_value = 0;
        int64_t last_value = 0;
    };
    /// Counts the rows; `first_column` (optional) receives every row's first value as int64.
    StatusOr<Streamed> Stream(const std::string& db, const std::string& sql, int chunk_rows, int deadline_ms = 120000,
                              std::vector<int64_t>* first_column = nullptr);
    /// Sends rows from `next` (false = done) in messages of `rows_per_message`.
    StatusOr<int64_t> BulkInsert(const std::string& db, const std::string& table, const std::vector<std::string>& columns,
                                 const std::function<bool(Row&)>& next, int rows_per_message = 1000);
    StatusOr<dbv1::ListTablesResponse> ListTables(const std::string& db);
    StatusOr<dbv1::DescribeTableResponse> DescribeTable(const std::string& db, const std::string& table);
    StatusOr<dbv1::GetPoolStatsResponse> PoolStats(const std::string& db = "");
    StatusOr<dbv1::ListDatabasesResponse> ListDatabases();
    /// A single-value result as int64 (counts).
    StatusOr<int64_t> Count(const std::string& db, const std::string& sql);

private:
    std::unique_ptr<grpc::ClientContext> Context(int deadline_ms) const;
    std::unique_ptr<dbv1::Database::Stub> stub_;
    std::string token_;
};

}  // namespace gantry::testing
