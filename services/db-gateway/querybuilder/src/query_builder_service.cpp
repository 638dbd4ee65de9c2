#include "gantry/db/querybuilder/query_builder_service.hpp"

#include "gantry/db/querybuilder/build.hpp"

namespace gantry::db::querybuilder {

grpc::Status QueryBuilderService::Build(grpc::ServerContext* context, const gantry::db::v1::BuildQueryRequest* request,
                                        gantry::db::v1::BuildQueryResponse* response) {
    return calls_.Handle(context, Role::kRead, [&](const CallInfo&) -> Status {
        GANTRY_ASSIGN_OR_RETURN(BuiltQuery built, BuildQuery(request->dialect(), request->statement()));
        response->set_sql(std::move(built.sql));
        for (auto& parameter : built.parameters) *response->add_parameters() = std::move(parameter);
        return Status::Ok();
    });
}

}  // namespace gantry::db::querybuilder
