#include "gantry/common/metrics.hpp"

#include <chrono>

namespace gantry {
namespace {

std::string_view GrpcCodeName(int code) {
    return StatusCodeName(static_cast<StatusCode>(code));
}

class MetricsInterceptor final : public grpc::experimental::Interceptor {
public:
    MetricsInterceptor(Metrics& metrics, std::string method)
        : metrics_(metrics), method_(std::move(method)), start_(std::chrono::steady_clock::now()) {}

    ~MetricsInterceptor() override {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
        metrics_.RecordRpc(method_, code_, elapsed.count());
    }

    void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
        if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
            code_ = methods->GetSendStatus().error_code();
        }
        methods->Proceed();
    }

private:
    Metrics& metrics_;
    std::string method_;
    std::chrono::steady_clock::time_point start_;
    int code_ = grpc::StatusCode::CANCELLED;  // until a status is sent
};

class MetricsInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
public:
    explicit MetricsInterceptorFactory(Metrics& metrics) : metrics_(metrics) {}
    grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
        return new MetricsInterceptor(metrics_, info->method() ? info->method() : "unknown");
    }

private:
    Metrics& metrics_;
};

}  // namespace

Metrics::Metrics(std::string service)
    : service_(std::move(service)),
      registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter()
                    .Name("gantry_rpc_requests_total")
                    .Help("Finished gRPC calls by method and status code")
                    .Register(*registry_)),
      errors_(prometheus::BuildCounter()
                  .Name("gantry_rpc_errors_total")
                  .Help("Finished gRPC calls with a non-OK status, by method and code")
                  .Register(*registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("gantry_rpc_duration_seconds")
                   .Help("gRPC call latency from first byte to status, by method")
                   .Register(*registry_)) {}

void Metrics::RecordRpc(const std::string& method, int grpc_code, double seconds) {
    static const prometheus::Histogram::BucketBoundaries kBuckets{
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    prometheus::Histogram* latency = nullptr;
    std::pair<prometheus::Counter*, prometheus::Counter*> counters;
    {
        std::lock_guard lock(series_mu_);
        auto& series = series_[method];
        if (!series.latency) series.latency = &latency_.Add({{"service", service_}, {"method", method}}, kBuckets);
        latency = series.latency;
        auto [it, added] = series.by_code.try_emplace(grpc_code);
        if (added) {
            const std::string code(GrpcCodeName(grpc_code));
            it->second.first = &requests_.Add({{"service", service_}, {"method", method}, {"code", code}});
            if (grpc_code != 0) {
                it->second.second = &errors_.Add({{"service", service_}, {"method", method}, {"code", code}});
            }
        }
        counters = it->second;
    }
    counters.first->Increment();
    if (counters.second) counters.second->Increment();
    latency->Observe(seconds);
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> Metrics::MakeInterceptorFactory() {
    return std::make_unique<MetricsInterceptorFactory>(*this);
}

StatusOr<std::string> Metrics::Serve(const std::string& address) {
    try {
        exposer_ = std::make_unique<prometheus::Exposer>(address, 1);
    } catch (const std::exception& e) {
        return UnavailableError("cannot serve /metrics on '" + address + "': " + e.what());
    }
    exposer_->RegisterCollectable(registry_);
    const auto ports = exposer_->GetListeningPorts();
    const auto host = address.substr(0, address.rfind(':'));
    return host + ":" + (ports.empty() ? std::string("?") : std::to_string(ports.front()));
}

void Metrics::StopServing() { exposer_.reset(); }

}  // namespace gantry
