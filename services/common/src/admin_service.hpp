#pragma once
// gantry.common.v1.Admin: the service's identity, behind auth like every other call.

#include <chrono>

#include "gantry/common/call.hpp"
#include "gantry/common/v1/admin.grpc.pb.h"

namespace gantry {

class AdminServiceImpl final : public gantry::common::v1::Admin::Service {
public:
    AdminServiceImpl(const CallHandler& calls, std::string version, bool tls,
                     std::chrono::system_clock::time_point started_at)
        : calls_(calls), version_(std::move(version)), tls_(tls), started_at_(started_at) {}

    grpc::Status GetServiceInfo(grpc::ServerContext* context, const gantry::common::v1::GetServiceInfoRequest*,
                                gantry::common::v1::GetServiceInfoResponse* response) override;

private:
    const CallHandler& calls_;
    std::string version_;
    bool tls_;
    std::chrono::system_clock::time_point started_at_;
};

}  // namespace gantry
