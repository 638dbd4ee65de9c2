#pragma once
/// @file The gRPC server bootstrap every service runs in: listener (TLS/mTLS optional), health tied
/// to readiness, reflection, the Admin service, metrics, auth, and a graceful drain on SIGTERM/SIGINT.

#include <grpcpp/server.h>
#include <grpcpp/impl/codegen/service_type.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gantry/common/auth.hpp"
#include "gantry/common/call.hpp"
#include "gantry/common/metrics.hpp"
#include "gantry/common/server_config.hpp"
#include "gantry/common/status.hpp"

namespace gantry {

class AdminServiceImpl;
class HealthService;

/// The status message long-lived streams end with when the drain starts (code UNAVAILABLE).
inline constexpr const char* kShuttingDown = "server shutting down";

class ServiceHost final {
public:
    /// `service` is the binary's name ("db-gateway"); signals must already be blocked (see ServiceMain).
    ServiceHost(std::string service, std::string version, CommonConfig config, TokenAuthenticator auth);
    ~ServiceHost();

    const CommonConfig& config() const { return config_; }
    const std::string& service() const { return service_; }
    Metrics& metrics() { return metrics_; }
    /// The choke point handlers use (auth, request ids, errors).
    const CallHandler& calls() const { return calls_; }

    /// Registers a gRPC service before Start(). The host does not own it.
    void AddService(grpc::Service* service, std::string full_name);
    /// Registers a callback run after the gRPC server stopped accepting calls (reverse order).
    void OnShutdown(std::function<void()> fn);
    /// Registers a callback run when SIGTERM/SIGINT starts the drain, before in-flight calls are waited for:
    /// long-lived streams (watches) stop there and end with UnavailableError(kShuttingDown), so they do not
    /// hold the process until server.drain_timeout_ms.
    void OnDrain(std::function<void()> fn);
    /// Records an extra endpoint (e.g. "mcp_http") for the ready file and the startup log.
    void AddEndpoint(std::string name, std::string address);

    /// Binds and starts serving. Fails (UNAVAILABLE) when the address cannot be bound.
    Status Start();
    /// Marks this service's health SERVING or NOT_SERVING (overall and per registered service).
    void SetServing(bool serving);
    /// The bound gRPC address, e.g. "127.0.0.1:50052" (the real port when 0 was asked for).
    const std::string& grpc_address() const { return grpc_address_; }
    const std::string& metrics_address() const { return metrics_address_; }
    /// All endpoints as a JSON object (for the ready file).
    std::string EndpointsJson() const;

    /// Blocks until SIGTERM or SIGINT (or RequestShutdown), then drains within drain_timeout_ms: health goes
    /// NOT_SERVING, no new calls or connections are admitted, OnDrain callbacks run, and as soon as no call is in
    /// flight (or the deadline passed) the remaining calls are cancelled and the clients' connections closed
    /// (idle channels would otherwise hold the gRPC shutdown until the deadline). Then OnShutdown callbacks run.
    void WaitForShutdown();
    /// Asks WaitForShutdown to return, as a signal would (e.g. when stdin closes in stdio mode).
    static void RequestShutdown();

private:
    std::string service_;
    std::string version_;
    CommonConfig config_;
    TokenAuthenticator auth_;
    Metrics metrics_;
    CallHandler calls_;
    std::unique_ptr<AdminServiceImpl> admin_;
    std::vector<std::pair<grpc::Service*, std::string>> services_;
    std::unique_ptr<HealthService> health_;
    std::vector<std::function<void()>> drain_hooks_;
    std::vector<std::function<void()>> shutdown_hooks_;
    std::atomic<int> calls_in_flight_{0};
    std::map<std::string, std::string> endpoints_;
    std::unique_ptr<grpc::Server> server_;
    std::string grpc_address_;
    std::string metrics_address_;
    std::chrono::system_clock::time_point started_at_;
};

}  // namespace gantry
