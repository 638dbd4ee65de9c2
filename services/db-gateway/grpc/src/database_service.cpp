#include "gantry/db/database_service.hpp"

#include "gantry/db/call_context.hpp"

namespace gantry::db {

grpc::Status DatabaseService::Execute(grpc::ServerContext* ctx, const v1::ExecuteRequest* req,
                                      v1::ExecuteResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo& info) {
        return gateway_.Execute(MakeCallContext(ctx), AccessFor(info), *req, *resp);
    });
}

grpc::Status DatabaseService::Query(grpc::ServerContext* ctx, const v1::ExecuteRequest* req,
                                    v1::ExecuteResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) {
        return gateway_.Execute(MakeCallContext(ctx), Access::kReadOnly, *req, *resp);
    });
}

grpc::Status DatabaseService::ExecuteStatement(grpc::ServerContext* ctx, const v1::ExecuteStatementRequest* req,
                                               v1::ExecuteResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo& info) {
        return gateway_.ExecuteStatement(MakeCallContext(ctx), req->read_only() ? Access::kReadOnly : AccessFor(info),
                                         *req, *resp);
    });
}

grpc::Status DatabaseService::ExecuteBatch(grpc::ServerContext* ctx, const v1::ExecuteBatchRequest* req,
                                           v1::ExecuteBatchResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo& info) {
        return gateway_.ExecuteBatch(MakeCallContext(ctx), AccessFor(info), *req, *resp);
    });
}

grpc::Status DatabaseService::StreamQuery(grpc::ServerContext* ctx, const v1::StreamQueryRequest* req,
                                          grpc::ServerWriter<v1::QueryChunk>* writer) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo& info) {
        return gateway_.StreamQuery(MakeCallContext(ctx), AccessFor(info), *req,
                                    [writer](const v1::QueryChunk& chunk) { return writer->Write(chunk); });
    });
}

grpc::Status DatabaseService::BeginTransaction(grpc::ServerContext* ctx, const v1::BeginTransactionRequest* req,
                                               v1::BeginTransactionResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo& info) {
        return gateway_.BeginTransaction(MakeCallContext(ctx), AccessFor(info), *req, *resp);
    });
}

grpc::Status DatabaseService::Commit(grpc::ServerContext* ctx, const v1::TransactionRequest* req,
                                     v1::TransactionResponse*) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) { return gateway_.Commit(MakeCallContext(ctx), *req); });
}

grpc::Status DatabaseService::Rollback(grpc::ServerContext* ctx, const v1::TransactionRequest* req,
                                       v1::TransactionResponse*) {
    return calls_.Handle(ctx, Role::kRead,
                         [&](const CallInfo&) { return gateway_.Rollback(MakeCallContext(ctx), *req); });
}

grpc::Status DatabaseService::BulkInsert(grpc::ServerContext* ctx, grpc::ServerReader<v1::BulkInsertRequest>* reader,
                                         v1::BulkInsertResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) {
        return gateway_.BulkInsert(
            MakeCallContext(ctx), [reader](v1::BulkInsertRequest& msg) { return reader->Read(&msg); }, *resp);
    });
}

grpc::Status DatabaseService::ListDatabases(grpc::ServerContext* ctx, const v1::ListDatabasesRequest*,
                                            v1::ListDatabasesResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) { return gateway_.ListDatabases(*resp); });
}

grpc::Status DatabaseService::ListTables(grpc::ServerContext* ctx, const v1::ListTablesRequest* req,
                                         v1::ListTablesResponse* resp) {
    return calls_.Handle(ctx, Role::kRead,
                         [&](const CallInfo&) { return gateway_.ListTables(MakeCallContext(ctx), *req, *resp); });
}

grpc::Status DatabaseService::DescribeTable(grpc::ServerContext* ctx, const v1::DescribeTableRequest* req,
                                            v1::DescribeTableResponse* resp) {
    return calls_.Handle(ctx, Role::kRead,
                         [&](const CallInfo&) { return gateway_.DescribeTable(MakeCallContext(ctx), *req, *resp); });
}

grpc::Status DatabaseService::GetPoolStats(grpc::ServerContext* ctx, const v1::GetPoolStatsRequest* req,
                                           v1::GetPoolStatsResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) { return gateway_.GetPoolStats(*req, *resp); });
}

}  // namespace gantry::db
