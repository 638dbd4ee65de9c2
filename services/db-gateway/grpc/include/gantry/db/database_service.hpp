#pragma once
/// @file gantry.db.v1.Database over gRPC: each handler authorizes through the host's CallHandler and
/// hands the generated messages to the core Gateway.

#include "gantry/common/call.hpp"
#include "gantry/db/gateway.hpp"
#include "gantry/db/v1/database.grpc.pb.h"

namespace gantry::db {

class DatabaseService final : public v1::Database::Service {
public:
    DatabaseService(const CallHandler& calls, Gateway& gateway) : calls_(calls), gateway_(gateway) {}

    grpc::Status Execute(grpc::ServerContext* ctx, const v1::ExecuteRequest* req, v1::ExecuteResponse* resp) override;
    grpc::Status Query(grpc::ServerContext* ctx, const v1::ExecuteRequest* req, v1::ExecuteResponse* resp) override;
    grpc::Status ExecuteStatement(grpc::ServerContext* ctx, const v1::ExecuteStatementRequest* req,
                                  v1::ExecuteResponse* resp) override;
    grpc::Status ExecuteBatch(grpc::ServerContext* ctx, const v1::ExecuteBatchRequest* req,
                              v1::ExecuteBatchResponse* resp) override;
    grpc::Status StreamQuery(grpc::ServerContext* ctx, const v1::StreamQueryRequest* req,
                             grpc::ServerWriter<v1::QueryChunk>* writer) override;
    grpc::Status BeginTransaction(grpc::ServerContext* ctx, const v1::BeginTransactionRequest* req,
                                  v1::BeginTransactionResponse* resp) override;
    grpc::Status Commit(grpc::ServerContext* ctx, const v1::TransactionRequest* req,
                        v1::TransactionResponse* resp) override;
    grpc::Status Rollback(grpc::ServerContext* ctx, const v1::TransactionRequest* req,
                          v1::TransactionResponse* resp) override;
    grpc::Status BulkInsert(grpc::ServerContext* ctx, grpc::ServerReader<v1::BulkInsertRequest>* reader,
                            v1::BulkInsertResponse* resp) override;
    grpc::Status ListDatabases(grpc::ServerContext* ctx, const v1::ListDatabasesRequest* req,
                               v1::ListDatabasesResponse* resp) override;
    grpc::Status ListTables(grpc::ServerContext* ctx, const v1::ListTablesRequest* req,
                            v1::ListTablesResponse* resp) override;
    grpc::Status DescribeTable(grpc::ServerContext* ctx, const v1::DescribeTableRequest* req,
                               v1::DescribeTableResponse* resp) override;
    grpc::Status GetPoolStats(grpc::ServerContext* ctx, const v1::GetPoolStatsRequest* req,
                              v1::GetPoolStatsResponse* resp) override;

private:
    const CallHandler& calls_;
    Gateway& gateway_;
};

}  // namespace gantry::db
