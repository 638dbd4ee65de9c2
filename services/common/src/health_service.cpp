#include "health_service.hpp"

#include <chrono>

namespace gantry {

using grpc::health::v1::HealthCheckResponse;

void HealthService::SetStatus(const std::string& service, bool serving) {
    {
        std::lock_guard lock(mu_);
        serving_[service] = serving;
    }
    changed_.notify_all();
}

void HealthService::Shutdown() {
    {
        std::lock_guard lock(mu_);
        shutdown_ = true;
    }
    changed_.notify_all();
}

HealthService::ServingStatus HealthService::StatusLocked(const std::string& service) const {
    const auto it = serving_.find(service);
    if (it == serving_.end()) return HealthCheckResponse::SERVICE_UNKNOWN;
    return it->second ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

grpc::Status HealthService::Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
    std::lock_guard lock(mu_);
    const auto status = StatusLocked(request->service());
    if (status == HealthCheckResponse::SERVICE_UNKNOWN) return {grpc::StatusCode::NOT_FOUND, "service name unknown"};
    response->set_status(status);
    return grpc::Status::OK;
}

grpc::Status HealthService::Watch(grpc::ServerContext* context, const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
    std::unique_lock lock(mu_);
    bool sent_any = false;
    ServingStatus sent = HealthCheckResponse::UNKNOWN;
    while (true) {
        const auto status = StatusLocked(request->service());
        if (!sent_any || status != sent) {
            HealthCheckResponse response;
            response.set_status(status);
            lock.unlock();
            const bool written = writer->Write(response);
            lock.lock();
            if (!written) return {grpc::StatusCode::CANCELLED, "the client went away"};
            sent_any = true;
            sent = status;
            continue;  // the status may have changed while writing
        }
        if (shutdown_) return {grpc::StatusCode::UNAVAILABLE, "server shutting down"};
        if (context->IsCancelled()) return {grpc::StatusCode::CANCELLED, "the client cancelled Watch"};
        // Wakes on every change and on Shutdown; the timeout only notices a client that cancelled.
        changed_.wait_for(lock, std::chrono::milliseconds(200));
    }
}

}  // namespace gantry
