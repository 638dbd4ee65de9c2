#include "admin_service.hpp"

namespace gantry {

grpc::Status AdminServiceImpl::GetServiceInfo(grpc::ServerContext* context,
                                              const gantry::common::v1::GetServiceInfoRequest*,
                                              gantry::common::v1::GetServiceInfoResponse* response) {
    return calls_.Handle(context, Role::kRead, [&](const CallInfo& call) {
        using namespace std::chrono;
        const auto now = system_clock::now();
        response->set_service(calls_.service());
        response->set_version(version_);
        response->set_started_at_unix_ms(duration_cast<milliseconds>(started_at_.time_since_epoch()).count());
        response->set_uptime_ms(duration_cast<milliseconds>(now - started_at_).count());
        response->set_tls(tls_);
        response->set_auth_required(calls_.auth().enabled());
        response->set_role(calls_.auth().enabled() ? std::string(RoleName(call.role)) : "");
        return Status::Ok();
    });
}

}  // namespace gantry
