#pragma once
/// @file The gantry.db.v1.JsonService handler.

#include "gantry/common/call.hpp"
#include "gantry/db/v1/json.grpc.pb.h"

namespace gantry::db::json {

namespace v1 = gantry::db::v1;

class JsonService final : public v1::JsonService::Service {
public:
    explicit JsonService(const CallHandler& calls) : calls_(calls) {}

    grpc::Status Validate(grpc::ServerContext*, const v1::JsonValidateRequest*, v1::JsonValidateResponse*) override;
    grpc::Status Patch(grpc::ServerContext*, const v1::JsonPatchRequest*, v1::JsonDocumentResponse*) override;
    grpc::Status MergePatch(grpc::ServerContext*, const v1::JsonMergePatchRequest*, v1::JsonDocumentResponse*) override;
    grpc::Status Diff(grpc::ServerContext*, const v1::JsonDiffRequest*, v1::JsonDiffResponse*) override;

private:
    const CallHandler& calls_;
};

}  // namespace gantry::db::json
