#pragma once
/// @file The gantry.db.v1.QueryBuilder handler.

#include "gantry/common/call.hpp"
#include "gantry/db/v1/query_builder.grpc.pb.h"

namespace gantry::db::querybuilder {

class QueryBuilderService final : public gantry::db::v1::QueryBuilder::Service {
public:
    explicit QueryBuilderService(const CallHandler& calls) : calls_(calls) {}

    grpc::Status Build(grpc::ServerContext* context, const gantry::db::v1::BuildQueryRequest* request,
                       gantry::db::v1::BuildQueryResponse* response) override;

private:
    const CallHandler& calls_;
};

}  // namespace gantry::db::querybuilder
