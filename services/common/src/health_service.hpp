#pragma once
/// @file grpc.health.v1.Health for ServiceHost, in place of gRPC's default health service: the same Check and
/// Watch answers, and Watch streams that end with UNAVAILABLE "server shutting down" when the drain starts
/// (the default service keeps them open, which held SIGTERM until server.drain_timeout_ms).

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace gantry {

class HealthService final : public grpc::health::v1::Health::Service {
public:
    /// "" is the overall status; other names are registered services.
    void SetStatus(const std::string& service, bool serving);
    /// Ends every Watch (after it has sent the latest status) and makes new ones end at once.
    void Shutdown();

    grpc::Status Check(grpc::ServerContext* context, const grpc::health::v1::HealthCheckRequest* request,
                       grpc::health::v1::HealthCheckResponse* response) override;
    grpc::Status Watch(grpc::ServerContext* context, const grpc::health::v1::HealthCheckRequest* request,
                       grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

private:
    using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;
    ServingStatus StatusLocked(const std::string& service) const;

    std::mutex mu_;
    std::condition_variable changed_;
    std::map<std::string, bool> serving_;
    bool shutdown_ = false;
};

}  // namespace gantry
