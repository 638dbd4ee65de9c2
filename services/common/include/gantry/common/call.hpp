#pragma once
/// @file The one choke point every RPC handler goes through: request id, authorization, exception
/// safety, logging of failures, and the Status -> grpc::Status mapping.
///
///   grpc::Status Execute(grpc::ServerContext* ctx, const Req* req, Resp* resp) override {
///       return calls_.Handle(ctx, Role::kWrite, [&](const CallInfo&) { return core_.Execute(*req, *resp); });
///   }

#include <grpcpp/server_context.h>

#include <functional>
#include <string>

#include "gantry/common/auth.hpp"
#include "gantry/common/status.hpp"

namespace gantry {

/// What a handler learns about its call.
struct CallInfo {
    std::string request_id;
    Role role = Role::kAdmin;  // the caller's role (admin when auth is off)
};

class CallHandler final {
public:
    CallHandler(std::string service, const TokenAuthenticator& auth) : service_(std::move(service)), auth_(auth) {}

    /// Runs `body` after checking the caller holds `needed`. Never lets an exception escape.
    grpc::Status Handle(grpc::ServerContext* context, Role needed,
                        const std::function<Status(const CallInfo&)>& body) const;

    const std::string& service() const { return service_; }
    const TokenAuthenticator& auth() const { return auth_; }

private:
    std::string service_;
    const TokenAuthenticator& auth_;
};

}  // namespace gantry
