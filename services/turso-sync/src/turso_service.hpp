#pragma once
/// @file The gRPC handlers of gantry.turso.v1.TursoSync: validate, call the registry's databases, map.

#include <atomic>

#include "gantry/common/service_host.hpp"
#include "gantry/turso/database_registry.hpp"
#include "gantry/turso/turso_config.hpp"
#include "gantry/turso/v1/turso.grpc.pb.h"

namespace gantry::turso {

class TursoService final : public v1::TursoSync::Service {
public:
    TursoService(const CallHandler& calls, DatabaseRegistry& registry, DatabaseConfig api_defaults,
                 std::string data_dir)
        : calls_(calls), registry_(registry), api_defaults_(std::move(api_defaults)), data_dir_(std::move(data_dir)) {}

    /// Ends open WatchSync streams (on shutdown).
    void Stop() { stopping_ = true; }

    grpc::Status OpenDatabase(grpc::ServerContext* ctx, const v1::OpenDatabaseRequest* req,
                              v1::DatabaseInfo* resp) override;
    grpc::Status CloseDatabase(grpc::ServerContext* ctx, const v1::CloseDatabaseRequest* req,
                               v1::CloseDatabaseResponse* resp) override;
    grpc::Status ListDatabases(grpc::ServerContext* ctx, const v1::ListDatabasesRequest* req,
                               v1::ListDatabasesResponse* resp) override;
    grpc::Status Query(grpc::ServerContext* ctx, const v1::ExecuteRequest* req, v1::ExecuteResponse* resp) override;
    grpc::Status Execute(grpc::ServerContext* ctx, const v1::ExecuteRequest* req, v1::ExecuteResponse* resp) override;
    grpc::Status Batch(grpc::ServerContext* ctx, const v1::BatchRequest* req, v1::BatchResponse* resp) override;
    grpc::Status BeginTransaction(grpc::ServerContext* ctx, const v1::BeginTransactionRequest* req,
                                  v1::BeginTransactionResponse* resp) override;
    grpc::Status EndTransaction(grpc::ServerContext* ctx, const v1::EndTransactionRequest* req,
                                v1::EndTransactionResponse* resp) override;
    grpc::Status Sync(grpc::ServerContext* ctx, const v1::SyncRequest* req, v1::SyncResponse* resp) override;
    grpc::Status GetStats(grpc::ServerContext* ctx, const v1::GetStatsRequest* req, v1::DatabaseStats* resp) override;
    grpc::Status WatchSync(grpc::ServerContext* ctx, const v1::WatchSyncRequest* req,
                           grpc::ServerWriter<v1::SyncEvent>* writer) override;
    grpc::Status ImportWorkingCopy(grpc::ServerContext* ctx, const v1::ImportWorkingCopyRequest* req,
                                   v1::ImportWorkingCopyResponse* resp) override;

private:
    Status RunStatement(const v1::ExecuteRequest& req, bool read_only_only, v1::ExecuteResponse& resp);

    const CallHandler& calls_;
    DatabaseRegistry& registry_;
    DatabaseConfig api_defaults_;
    std::string data_dir_;
    std::atomic<bool> stopping_{false};
};

/// DatabaseInfo for `db` (never the token).
void InfoToProto(Database& db, v1::DatabaseInfo* out);

}  // namespace gantry::turso
