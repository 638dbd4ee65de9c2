#pragma once
/// @file The gRPC face of resolve-bridge: one line per RPC (from methods.hpp) into the core, through the common
/// call handler (auth roles, request ids, errors).

#include <atomic>

#include "gantry/common/call.hpp"
#include "gantry/common/service_host.hpp"
#include "gantry/resolve/methods.hpp"
#include "gantry/resolve/resolve_core.hpp"
#include "gantry/resolve/v1/resolve_service.grpc.pb.h"

namespace gantry::resolve {

class ResolveGrpcService final : public v1::Resolve::Service {
public:
    ResolveGrpcService(const CallHandler& calls, ResolveCore& core) : calls_(calls), core_(core) {}
    /// Ends WatchRender streams (UNAVAILABLE kShuttingDown) within one polling interval; for the drain.
    void Stop() { stopping_ = true; }

#define GANTRY_RESOLVE_GRPC_METHOD(Method, Request, Response, RoleValue)                                             \
    grpc::Status Method(grpc::ServerContext* context, const v1::Request* request, v1::Response* response) override { \
        return Unary(context, Role::RoleValue, #Method, *request, *response);                                        \
    }
    GANTRY_RESOLVE_METHODS(GANTRY_RESOLVE_GRPC_METHOD)
#undef GANTRY_RESOLVE_GRPC_METHOD

    grpc::Status GetStatus(grpc::ServerContext* context, const v1::GetStatusRequest* request,
                           v1::GetStatusResponse* response) override;
    grpc::Status WatchRender(grpc::ServerContext* context, const v1::WatchRenderRequest* request,
                             grpc::ServerWriter<v1::RenderProgress>* writer) override;

private:
    grpc::Status Unary(grpc::ServerContext* context, Role role, std::string_view method,
                       const google::protobuf::Message& request, google::protobuf::Message& response);

    const CallHandler& calls_;
    ResolveCore& core_;
    std::atomic<bool> stopping_{false};
};

}  // namespace gantry::resolve
