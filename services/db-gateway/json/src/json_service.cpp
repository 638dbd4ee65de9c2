#include "gantry/db/json/json_service.hpp"

#include "gantry/db/json/document.hpp"
#include "gantry/db/json/patch.hpp"
#include "gantry/db/json/schema.hpp"

namespace gantry::db::json {

grpc::Status JsonService::Validate(grpc::ServerContext* ctx, const v1::JsonValidateRequest* req,
                                   v1::JsonValidateResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json schema, ParseJson(req->schema(), "schema"));
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json document, ParseJson(req->document(), "document"));
        GANTRY_ASSIGN_OR_RETURN(ValidationReport report, ValidateAgainstSchema(schema, document));
        resp->set_valid(report.valid);
        for (auto& violation : report.violations) {
            auto* error = resp->add_errors();
            error->set_instance_path(std::move(violation.instance_path));
            error->set_message(std::move(violation.message));
        }
        return Status::Ok();
    });
}

grpc::Status JsonService::Patch(grpc::ServerContext* ctx, const v1::JsonPatchRequest* req,
                                v1::JsonDocumentResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json document, ParseJson(req->document(), "document"));
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json patch, ParseJson(req->patch(), "patch"));
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json result, ApplyJsonPatch(document, patch));
        resp->set_document(result.dump());
        return Status::Ok();
    });
}

grpc::Status JsonService::MergePatch(grpc::ServerContext* ctx, const v1::JsonMergePatchRequest* req,
                                     v1::JsonDocumentResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json document, ParseJson(req->document(), "document"));
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json patch, ParseJson(req->patch(), "merge patch"));
        resp->set_document(ApplyMergePatch(document, patch).dump());
        return Status::Ok();
    });
}

grpc::Status JsonService::Diff(grpc::ServerContext* ctx, const v1::JsonDiffRequest* req, v1::JsonDiffResponse* resp) {
    return calls_.Handle(ctx, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json source, ParseJson(req->source(), "source"));
        GANTRY_ASSIGN_OR_RETURN(nlohmann::json target, ParseJson(req->target(), "target"));
        resp->set_patch(JsonDiff(source, target).dump());
        return Status::Ok();
    });
}

}  // namespace gantry::db::json
