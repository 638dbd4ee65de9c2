#pragma once
/// @file Prometheus metrics: one registry per process, per-RPC counters and latency recorded by a
/// gRPC server interceptor, and an HTTP exposer serving /metrics on its own port.

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "gantry/common/status.hpp"

namespace gantry {

class Metrics final {
public:
    explicit Metrics(std::string service);

    /// Where services add their own families (pool gauges, cache counters, ...).
    prometheus::Registry& registry() { return *registry_; }

    /// Counts one finished RPC and observes its latency.
    void RecordRpc(const std::string& method, int grpc_code, double seconds);

    /// A factory for the interceptor that calls RecordRpc for every RPC of the server.
    std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeInterceptorFactory();

    /// Starts serving /metrics on `address` (host:port, port 0 picks one). Returns the bound address.
    StatusOr<std::string> Serve(const std::string& address);
    void StopServing();

private:
    // One method's series, looked up once: building label maps and hashing them in the families on every
    // call showed in the gateway's profile.
    struct MethodSeries {
        prometheus::Histogram* latency = nullptr;
        std::unordered_map<int, std::pair<prometheus::Counter*, prometheus::Counter*>> by_code;  // requests, errors
    };
    std::string service_;
    std::mutex series_mu_;
    std::unordered_map<std::string, MethodSeries> series_;
    std::shared_ptr<prometheus::Registry> registry_;
    prometheus::Family<prometheus::Counter>& requests_;
    prometheus::Family<prometheus::Counter>& errors_;
    prometheus::Family<prometheus::Histogram>& latency_;
    std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace gantry
