#include "resolve_service.hpp"

namespace gantry::resolve {

grpc::Status ResolveGrpcService::Unary(grpc::ServerContext* context, Role role, std::string_view method,
                                       const google::protobuf::Message& request, google::protobuf::Message& response) {
    return calls_.Handle(context, role, [&](const CallInfo&) { return core_.Call(method, request, response); });
}

grpc::Status ResolveGrpcService::GetStatus(grpc::ServerContext* context, const v1::GetStatusRequest*,
                                           v1::GetStatusResponse* response) {
    return calls_.Handle(context, Role::kRead, [&](const CallInfo&) { return core_.GetStatus(*response); });
}

grpc::Status ResolveGrpcService::WatchRender(grpc::ServerContext* context, const v1::WatchRenderRequest* request,
                                             grpc::ServerWriter<v1::RenderProgress>* writer) {
    return calls_.Handle(context, Role::kRead, [&](const CallInfo&) {
        auto status = core_.WatchRender(
            *request, [&](const v1::RenderProgress& progress) { return writer->Write(progress); },
            [&] { return context->IsCancelled() || stopping_.load(); });
        if (stopping_.load() && !context->IsCancelled()) return UnavailableError(kShuttingDown);
        return status;
    });
}

}  // namespace gantry::resolve
