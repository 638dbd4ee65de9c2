#include "db_client.hpp"

#include "gantry/common/status_mapping.hpp"

namespace gantry::testing {

Value I(int64_t v) {
    Value out;
    out.set_int64_value(v);
    return out;
}

Value T(const std::string& v) {
    Value out;
    out.set_text_value(v);
    return out;
}

Value B(const std::string& bytes) {
    Value out;
    out.set_bytes_value(bytes);
    return out;
}

Value Null() {
    Value out;
    out.set_null_value(google::protobuf::NULL_VALUE);
    return out;
}

DbClient::DbClient(const std::string& address, std::string token)
    : stub_(dbv1::Database::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
      token_(std::move(token)) {}

std::unique_ptr<grpc::ClientContext> DbClient::Context(int deadline_ms) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadline_ms));
    if (!token_.empty()) ctx->AddMetadata("authorization", "Bearer " + token_);
    return ctx;
}

namespace {
template <typename Resp>
StatusOr<Resp> Done(const grpc::Status& st, Resp resp) {
    if (!st.ok()) return FromGrpcStatus(st);
    return resp;
}

void Fill(dbv1::ExecuteRequest& req, const std::string& db, const std::string& sql, const Named& named,
          const std::string& tx) {
    req.set_database(db);
    req.set_sql(sql);
    for (const auto& [k, v] : named) (*req.mutable_named_params())[k] = v;
    req.set_transaction_id(tx);
}
}  // namespace

StatusOr<dbv1::ExecuteResponse> DbClient::Execute(const std::string& db, const std::string& sql, const Named& named,
                                                  const std::string& tx, int deadline_ms) {
    dbv1::ExecuteRequest req;
    Fill(req, db, sql, named, tx);
    dbv1::ExecuteResponse resp;
    auto ctx = Context(deadline_ms);
    const auto st = stub_->Execute(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::ExecuteResponse> DbClient::ExecutePositional(const std::string& db, const std::string& sql,
                                                            const std::vector<Value>& params, int deadline_ms) {
    dbv1::ExecuteRequest req;
    Fill(req, db, sql, {}, "");
    for (const auto& p : params) *req.add_params() = p;
    dbv1::ExecuteResponse resp;
    auto ctx = Context(deadline_ms);
    const auto st = stub_->Execute(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::ExecuteResponse> DbClient::Send(const dbv1::ExecuteRequest& req, bool read_only, int deadline_ms) {
    dbv1::ExecuteResponse resp;
    auto ctx = Context(deadline_ms);
    const auto st = read_only ? stub_->Query(ctx.get(), req, &resp) : stub_->Execute(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::ExecuteResponse> DbClient::ExecuteStatement(const dbv1::ExecuteStatementRequest& req) {
    dbv1::ExecuteResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->ExecuteStatement(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::ExecuteResponse> DbClient::Query(const std::string& db, const std::string& sql, const Named& named) {
    dbv1::ExecuteRequest req;
    Fill(req, db, sql, named, "");
    dbv1::ExecuteResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->Query(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<std::string> DbClient::Begin(const std::string& db, bool read_only, int64_t idle_timeout_ms) {
    dbv1::BeginTransactionRequest req;
    req.set_database(db);
    req.set_read_only(read_only);
    req.set_idle_timeout_ms(idle_timeout_ms);
    dbv1::BeginTransactionResponse resp;
    auto ctx = Context(20000);
    auto st = stub_->BeginTransaction(ctx.get(), req, &resp);
    if (!st.ok()) return FromGrpcStatus(st);
    return resp.transaction_id();
}

Status DbClient::Commit(const std::string& tx) {
    dbv1::TransactionRequest req;
    req.set_transaction_id(tx);
    dbv1::TransactionResponse resp;
    auto ctx = Context(20000);
    return FromGrpcStatus(stub_->Commit(ctx.get(), req, &resp));
}

Status DbClient::Rollback(const std::string& tx) {
    dbv1::TransactionRequest req;
    req.set_transaction_id(tx);
    dbv1::TransactionResponse resp;
    auto ctx = Context(20000);
    return FromGrpcStatus(stub_->Rollback(ctx.get(), req, &resp));
}

StatusOr<dbv1::ExecuteBatchResponse> DbClient::Batch(const std::string& db, const std::vector<std::string>& statements,
                                                     bool atomic) {
    dbv1::ExecuteBatchRequest req;
    req.set_database(db);
    req.set_atomic(atomic);
    for (const auto& s : statements) req.add_statements()->set_sql(s);
    dbv1::ExecuteBatchResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->ExecuteBatch(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<DbClient::Streamed> DbClient::Stream(const std::string& db, const std::string& sql, int chunk_rows,
                                              int deadline_ms, std::vector<int64_t>* first_column) {
    dbv1::StreamQueryRequest req;
    req.set_database(db);
    req.set_sql(sql);
    req.set_chunk_rows(chunk_rows);
    auto ctx = Context(deadline_ms);
    auto reader = stub_->StreamQuery(ctx.get(), req);
    Streamed out;
    dbv1::QueryChunk chunk;
    while (reader->Read(&chunk)) {
        ++out.chunks;
        for (const auto& row : chunk.rows()) {
            if (out.rows == 0) out.first_value = row.values(0).int64_value();
            out.last_value = row.values(0).int64_value();
            if (first_column) first_column->push_back(out.last_value);
            ++out.rows;
        }
    }
    auto st = reader->Finish();
    if (!st.ok()) return FromGrpcStatus(st);
    return out;
}

StatusOr<int64_t> DbClient::BulkInsert(const std::string& db, const std::string& table,
                                       const std::vector<std::string>& columns, const std::function<bool(Row&)>& next,
                                       int rows_per_message) {
    auto ctx = Context(300000);
    dbv1::BulkInsertResponse resp;
    auto writer = stub_->BulkInsert(ctx.get(), &resp);
    dbv1::BulkInsertRequest msg;
    msg.set_database(db);
    msg.set_table(table);
    for (const auto& c : columns) msg.add_columns(c);
    bool more = true;
    while (more) {
        Row row;
        while (msg.rows_size() < rows_per_message && (more = next(row))) *msg.add_rows() = std::move(row);
        if (!writer->Write(msg)) break;
        msg.Clear();
    }
    writer->WritesDone();
    auto st = writer->Finish();
    if (!st.ok()) return FromGrpcStatus(st);
    return resp.rows_inserted();
}

StatusOr<dbv1::ListTablesResponse> DbClient::ListTables(const std::string& db) {
    dbv1::ListTablesRequest req;
    req.set_database(db);
    dbv1::ListTablesResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->ListTables(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::DescribeTableResponse> DbClient::DescribeTable(const std::string& db, const std::string& table) {
    dbv1::DescribeTableRequest req;
    req.set_database(db);
    req.set_table(table);
    dbv1::DescribeTableResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->DescribeTable(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::GetPoolStatsResponse> DbClient::PoolStats(const std::string& db) {
    dbv1::GetPoolStatsRequest req;
    req.set_database(db);
    dbv1::GetPoolStatsResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->GetPoolStats(ctx.get(), req, &resp);
    return Done(st, std::move(resp));
}

StatusOr<dbv1::ListDatabasesResponse> DbClient::ListDatabases() {
    dbv1::ListDatabasesResponse resp;
    auto ctx = Context(20000);
    const auto st = stub_->ListDatabases(ctx.get(), {}, &resp);
    return Done(st, std::move(resp));
}

StatusOr<int64_t> DbClient::Count(const std::string& db, const std::string& sql) {
    GANTRY_ASSIGN_OR_RETURN(auto resp, Execute(db, sql));
    if (resp.rows_size() != 1 || resp.rows(0).values_size() < 1) return InternalError("expected one value: " + sql);
    const auto& v = resp.rows(0).values(0);
    if (v.has_int64_value()) return v.int64_value();
    if (v.has_decimal_value()) return std::stoll(v.decimal_value());
    return InternalError("not a count: " + v.DebugString());
}

}  // namespace gantry::testing
