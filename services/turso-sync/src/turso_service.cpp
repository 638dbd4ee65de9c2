#include "turso_service.hpp"

#include "gantry/turso/remote_url.hpp"
#include "proto_mapping.hpp"

namespace gantry::turso {

void InfoToProto(Database& db, v1::DatabaseInfo* out) {
    const auto& c = db.config();
    out->set_name(c.name);
    out->set_mode(ModeToProto(c.mode));
    out->set_url(c.url);
    out->set_path(c.mode == Mode::kRemote ? "" : c.path);
    out->set_revision(db.revision());
}

grpc::Status TursoService::OpenDatabase(grpc::ServerContext* ctx, const v1::OpenDatabaseRequest* req,
                                        v1::DatabaseInfo* resp) {
    return calls_.Handle(ctx, Role::kAdmin, [&](const CallInfo&) -> Status {
        GANTRY_RETURN_IF_ERROR(ValidateDatabaseName(req->name()));
        DatabaseConfig config = api_defaults_;
        config.name = req->name();
        GANTRY_ASSIGN_OR_RETURN(config.mode, ModeFromProto(req->mode()));
        if (config.mode != Mode::kLocal) {
            if (req->url().empty())
                return InvalidArgumentError(std::string("mode ") + ModeName(config.mode) + " needs a url");
            GANTRY_ASSIGN_OR_RETURN(config.url, NormalizeRemoteUrl(req->url()));
        }
        config.auth_token = req->auth_token();
        config.path = req->path().empty() ? data_dir_ + "/" + req->name() + ".db" : req->path();
        config.sync_interval = std::chrono::milliseconds(req->sync_interval_ms());
        GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Open(config));
        InfoToProto(*db, resp);
        return Status::Ok();
    });
}

grpc::Status TursoService::CloseDatabase(grpc::ServerContext* ctx, const v1::CloseDatabaseRequest* req,
                                         v1::CloseDatabaseResponse*) {
    return calls_.Handle(ctx, Role::kAdmin, [&](const CallInfo&) { return registry_.Close(req->name()); });
}

grpc::Status TursoService::ListDatabases(grpc::ServerContext* ctx, const v1::ListDatabasesRequest*,
                                         v1::ListDatabasesResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        for (const auto& db : registry_.List()) InfoToProto(*db, resp->add_databases());
        return Status::Ok();
    });
}

Status TursoService::RunStatement(const v1::ExecuteRequest& req, bool read_only_only, v1::ExecuteResponse& resp) {
    if (!req.has_statement()) return InvalidArgumentError("statement is required");
    GANTRY_ASSIGN_OR_RETURN(auto stmt, StmtFromProto(req.statement()));
    if (!req.transaction_id().empty()) {
        if (read_only_only) return InvalidArgumentError("Query does not run inside transactions; use Execute");
        GANTRY_ASSIGN_OR_RETURN(auto tx, registry_.FindTransaction(req.transaction_id()));
        GANTRY_ASSIGN_OR_RETURN(auto result, tx->Execute(stmt));
        ResultToProto(result, resp.mutable_result());
        return Status::Ok();
    }
    GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Get(req.database()));
    if (read_only_only) {
        GANTRY_ASSIGN_OR_RETURN(bool read_only, db->IsReadOnly(stmt));
        if (!read_only) {
            return InvalidArgumentError("Query runs read-only statements only; use Execute for writes")
                .WithReason("NOT_READ_ONLY");
        }
    }
    GANTRY_ASSIGN_OR_RETURN(auto outcome, db->Execute(stmt));
    ResultToProto(outcome.result, resp.mutable_result());
    resp.set_served_by(ServedToProto(outcome.served));
    return Status::Ok();
}

grpc::Status TursoService::Query(grpc::ServerContext* ctx, const v1::ExecuteRequest* req, v1::ExecuteResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) { return RunStatement(*req, true, *resp); });
}

grpc::Status TursoService::Execute(grpc::ServerContext* ctx, const v1::ExecuteRequest* req, v1::ExecuteResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) { return RunStatement(*req, false, *resp); });
}

grpc::Status TursoService::Batch(grpc::ServerContext* ctx, const v1::BatchRequest* req, v1::BatchResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(auto batch, BatchFromProto(*req));
        GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Get(req->database()));
        GANTRY_ASSIGN_OR_RETURN(auto outcome, db->RunBatch(batch));
        BatchResultToProto(outcome.result, resp);
        resp->set_served_by(ServedToProto(outcome.served));
        return Status::Ok();
    });
}

grpc::Status TursoService::BeginTransaction(grpc::ServerContext* ctx, const v1::BeginTransactionRequest* req,
                                            v1::BeginTransactionResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(auto id, registry_.BeginTransaction(req->database()));
        resp->set_transaction_id(id);
        return Status::Ok();
    });
}

grpc::Status TursoService::EndTransaction(grpc::ServerContext* ctx, const v1::EndTransactionRequest* req,
                                          v1::EndTransactionResponse*) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) {
        return registry_.EndTransaction(req->transaction_id(), req->commit());
    });
}

grpc::Status TursoService::Sync(grpc::ServerContext* ctx, const v1::SyncRequest* req, v1::SyncResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Get(req->database()));
        GANTRY_ASSIGN_OR_RETURN(auto report, db->Sync());
        ReportToProto(report, resp);
        return Status::Ok();
    });
}

grpc::Status TursoService::GetStats(grpc::ServerContext* ctx, const v1::GetStatsRequest* req, v1::DatabaseStats* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Get(req->database()));
        const SyncStats s = db->Stats();
        resp->set_database(db->config().name);
        resp->set_mode(ModeToProto(db->config().mode));
        resp->set_pulls(s.pulls);
        resp->set_pushes(s.pushes);
        resp->set_pages_pulled(s.pages_pulled);
        resp->set_bytes_pulled(s.bytes_pulled);
        resp->set_changes_pushed(s.changes_pushed);
        resp->set_changes_queued(s.changes_queued);
        resp->set_revision(db->revision());
        resp->set_last_sync_unix_ms(s.last_sync_unix_ms);
        if (s.last_sync_unix_ms > 0) {
            const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
            resp->set_lag_ms(static_cast<uint64_t>(std::max<int64_t>(0, now - s.last_sync_unix_ms)));
        }
        resp->set_last_error(s.last_error);
        return Status::Ok();
    });
}

grpc::Status TursoService::WatchSync(grpc::ServerContext* ctx, const v1::WatchSyncRequest* req,
                                     grpc::ServerWriter<v1::SyncEvent>* writer) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Get(req->database()));
        auto subscription = db->events().Subscribe();
        while (!ctx->IsCancelled() && !stopping_) {
            auto event = subscription->Next(std::chrono::milliseconds(200));
            if (!event) continue;
            v1::SyncEvent out;
            out.set_database(db->config().name);
            out.set_ok(event->ok);
            out.set_error(event->error);
            ReportToProto(event->report, out.mutable_sync());
            out.set_unix_ms(event->unix_ms);
            if (!writer->Write(out)) break;
        }
        if (stopping_ && !ctx->IsCancelled()) return UnavailableError(kShuttingDown);
        return Status::Ok();
    });
}

grpc::Status TursoService::ImportWorkingCopy(grpc::ServerContext* ctx, const v1::ImportWorkingCopyRequest* req,
                                             v1::ImportWorkingCopyResponse* resp) {
    return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) -> Status {
        if (req->working_copy_path().empty()) return InvalidArgumentError("working_copy_path is required");
        GANTRY_ASSIGN_OR_RETURN(auto db, registry_.Get(req->database()));
        GANTRY_ASSIGN_OR_RETURN(auto n, db->ImportWorkingCopy(req->working_copy_path()));
        resp->set_changes_applied(n);
        resp->set_revision(db->revision());
        return Status::Ok();
    });
}

}  // namespace gantry::turso
