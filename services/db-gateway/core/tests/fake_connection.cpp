#include "fake_connection.hpp"

#include <chrono>
#include <thread>

namespace gantry::db::testing {

FakeConnection::FakeConnection(std::shared_ptr<FakeServer> server) : server_(std::move(server)) { ++server_->open; }
FakeConnection::~FakeConnection() { --server_->open; }

StatusOr<ExecResult> FakeConnection::Execute(const std::string& sql, const std::vector<Value>& params, RowSink& sink) {
    server_->Record(sql);
    if (!server_->reachable) {
        broken_ = true;
        return UnavailableError("connection lost");
    }
    if (sql == server_->breaking_sql) {
        broken_ = true;
        return UnavailableError("connection lost");
    }
    if (sql == server_->blocking_sql) {
        while (!cancelled_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        cancelled_ = false;
        return CancelledError("canceling statement due to user request");
    }
    if (read_only_ && sql.rfind("INSERT", 0) == 0) return PermissionDeniedError("read-only transaction");
    // "ROWS n" returns n rows of (i, param0...) with one int column; a sink that stops early and allows it has
    // the rest "cancelled" (then a "CANCEL REST" line is logged).
    if (sql.rfind("ROWS ", 0) == 0) {
        const int n = std::stoi(sql.substr(5));
        ExecResult result;
        Column c;
        c.set_name("i");
        c.set_type(common::v1::VALUE_TYPE_INT64);
        GANTRY_RETURN_IF_ERROR(sink.OnColumns({c}));
        for (int i = 0; i < n; ++i) {
            Row row;
            row.add_values()->set_int64_value(i);
            for (const auto& p : params) *row.add_values() = p;
            if (!sink.OnRow(std::move(row))) {
                if (sink.may_cancel_rest()) {
                    server_->Record("CANCEL REST");
                    result.rest_cancelled = true;
                }
                break;
            }
        }
        return result;
    }
    ExecResult result;
    result.rows_affected = 1;
    result.last_insert_id = 7;
    return result;
}

Status FakeConnection::Begin(const TransactionOptions& options) {
    server_->Record(options.read_only ? "BEGIN READ ONLY" : "BEGIN");
    read_only_ = options.read_only;
    return Status::Ok();
}

Status FakeConnection::Commit() {
    server_->Record("COMMIT");
    read_only_ = false;
    return Status::Ok();
}

Status FakeConnection::Rollback() {
    server_->Record("ROLLBACK");
    read_only_ = false;
    return Status::Ok();
}

Status FakeConnection::Reset() {
    ++server_->resets;
    return Status::Ok();
}

Status FakeConnection::Ping() {
    std::this_thread::sleep_for(std::chrono::milliseconds(server_->ping_delay_ms.load()));
    if (!server_->reachable || server_->fail_ping) {
        broken_ = true;
        return UnavailableError("ping failed");
    }
    return Status::Ok();
}

void FakeConnection::Cancel() {
    ++server_->cancels;
    cancelled_ = true;
}

StatusOr<std::vector<TableEntry>> FakeConnection::ListTables(const std::string&) {
    return std::vector<TableEntry>{{"public", "t", "table"}};
}

StatusOr<std::vector<ColumnEntry>> FakeConnection::DescribeTable(const std::string& table) {
    if (table != "t") return std::vector<ColumnEntry>{};
    ColumnEntry c;
    c.name = "id";
    c.type = common::v1::VALUE_TYPE_INT64;
    c.primary_key = true;
    return std::vector<ColumnEntry>{c};
}

StatusOr<int64_t> FakeConnection::BulkInsert(const std::string&, const std::vector<std::string>&, RowSource& rows) {
    int64_t n = 0;
    Row row;
    Status st;
    while (rows.Next(row, st)) ++n;
    if (!st.ok()) return st;
    return n;
}

StatusOr<std::unique_ptr<Connection>> FakeDriver::Connect() {
    ++server_->connects;
    if (!server_->reachable) return UnavailableError("connection refused");
    return std::unique_ptr<Connection>(std::make_unique<FakeConnection>(server_));
}

}  // namespace gantry::db::testing
