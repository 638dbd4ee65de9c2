#include "gantry/common/service_host.hpp"

#include <grpc/grpc.h>
#include <grpc/support/time.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "admin_service.hpp"
#include "health_service.hpp"

namespace gantry {
namespace {

StatusOr<std::string> ReadPem(const std::string& path, const char* what) {
    std::ifstream in(path);
    if (!in) return InvalidArgumentError(std::string("cannot read TLS ") + what + " file '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeCredentials(const TlsConfig& tls) {
    if (!tls.enabled()) return grpc::InsecureServerCredentials();
    grpc::SslServerCredentialsOptions options;
    GANTRY_ASSIGN_OR_RETURN(auto cert, ReadPem(tls.cert_file, "certificate"));
    GANTRY_ASSIGN_OR_RETURN(auto key, ReadPem(tls.key_file, "key"));
    options.pem_key_cert_pairs.push_back({key, cert});
    if (!tls.client_ca_file.empty()) {
        GANTRY_ASSIGN_OR_RETURN(options.pem_root_certs, ReadPem(tls.client_ca_file, "client CA"));
        options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
    }
    return grpc::SslServerCredentials(options);
}

// The synchronous server runs each call on a polling thread. gRPC's defaults (1..2 idle pollers) make every
// burst of concurrent calls start threads that exit again when it ends; on the db-gateway benchmark that
// thread churn (clone, stack mmap/munmap, page faults) cost 15-50% of the point-select QPS at 16 and 64
// clients. Threads that finish a call now stay as pollers, so a server keeps as many threads as its peak
// concurrency (a few hundred KiB each).
constexpr int kMinPollers = 2;
constexpr int kMaxPollers = 1024;

// "127.0.0.1:0" + 43121 -> "127.0.0.1:43121"; unix sockets keep their path.
std::string BoundAddress(const std::string& listen, int port) {
    if (listen.rfind("unix:", 0) == 0) return listen;
    return listen.substr(0, listen.rfind(':')) + ":" + std::to_string(port);
}

std::string JsonString(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

// Counts the calls the server is running (any method, any kind) so the drain knows when only idle
// connections are left.
class InFlightInterceptor final : public grpc::experimental::Interceptor {
public:
    explicit InFlightInterceptor(std::atomic<int>& count) : count_(count) { count_.fetch_add(1); }
    ~InFlightInterceptor() override { count_.fetch_sub(1); }
    void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override { methods->Proceed(); }

private:
    std::atomic<int>& count_;
};

class InFlightInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
public:
    explicit InFlightInterceptorFactory(std::atomic<int>& count) : count_(count) {}
    grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo*) override {
        return new InFlightInterceptor(count_);
    }

private:
    std::atomic<int>& count_;
};

}  // namespace

ServiceHost::ServiceHost(std::string service, std::string version, CommonConfig config, TokenAuthenticator auth)
    : service_(std::move(service)),
      version_(std::move(version)),
      config_(std::move(config)),
      auth_(std::move(auth)),
      metrics_(service_),
      calls_(service_, auth_),
      started_at_(std::chrono::system_clock::now()) {
    admin_ = std::make_unique<AdminServiceImpl>(calls_, version_, config_.server.tls.enabled(), started_at_);
    AddService(admin_.get(), "gantry.common.v1.Admin");
    health_ = std::make_unique<HealthService>();
}

ServiceHost::~ServiceHost() = default;

void ServiceHost::AddService(grpc::Service* service, std::string full_name) {
    services_.emplace_back(service, std::move(full_name));
}

void ServiceHost::OnShutdown(std::function<void()> fn) { shutdown_hooks_.push_back(std::move(fn)); }

void ServiceHost::OnDrain(std::function<void()> fn) { drain_hooks_.push_back(std::move(fn)); }

void ServiceHost::AddEndpoint(std::string name, std::string address) {
    endpoints_[std::move(name)] = std::move(address);
}

Status ServiceHost::Start() {
    GANTRY_ASSIGN_OR_RETURN(auto credentials, MakeCredentials(config_.server.tls));
    // Our own grpc.health.v1.Health (health_service.hpp): its Watch streams end when the drain starts.
    grpc::EnableDefaultHealthCheckService(false);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();

    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(config_.server.listen, credentials, &port);
    builder.SetMaxReceiveMessageSize(static_cast<int>(config_.server.max_message_bytes));
    builder.SetMaxSendMessageSize(static_cast<int>(config_.server.max_message_bytes));
    builder.RegisterService(health_.get());
    for (const auto& [service, name] : services_) builder.RegisterService(service);
    builder.SetSyncServerOption(grpc::ServerBuilder::MIN_POLLERS, kMinPollers);
    builder.SetSyncServerOption(grpc::ServerBuilder::MAX_POLLERS, kMaxPollers);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
    interceptors.push_back(metrics_.MakeInterceptorFactory());
    interceptors.push_back(std::make_unique<InFlightInterceptorFactory>(calls_in_flight_));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));

    server_ = builder.BuildAndStart();
    if (!server_ || (port == 0 && config_.server.listen.rfind("unix:", 0) != 0)) {
        server_.reset();
        return UnavailableError("cannot listen on '" + config_.server.listen +
                                "': the address is invalid or in use (set server.listen or --listen)");
    }
    grpc_address_ = BoundAddress(config_.server.listen, port);
    endpoints_["grpc"] = grpc_address_;

    if (!config_.server.metrics_listen.empty()) {
        auto bound = metrics_.Serve(config_.server.metrics_listen);
        if (!bound.ok()) {
            server_->Shutdown();
            return bound.status();
        }
        metrics_address_ = *bound;
        endpoints_["metrics"] = "http://" + metrics_address_ + "/metrics";
    }
    SetServing(true);
    spdlog::info("{} {} serving gRPC on {}{}{}{}", service_, version_, grpc_address_,
                 config_.server.tls.enabled() ? " (TLS)" : "", auth_.enabled() ? " (auth on)" : "",
                 metrics_address_.empty() ? "" : ", metrics on http://" + metrics_address_ + "/metrics");
    return Status::Ok();
}

void ServiceHost::SetServing(bool serving) {
    if (!server_) return;
    health_->SetStatus("", serving);
    for (const auto& [service, name] : services_) health_->SetStatus(name, serving);
}

std::string ServiceHost::EndpointsJson() const {
    std::string out = "{\"service\":" + JsonString(service_) + ",\"pid\":" + std::to_string(getpid());
    for (const auto& [name, address] : endpoints_) out += "," + JsonString(name) + ":" + JsonString(address);
    return out + "}";
}

void ServiceHost::RequestShutdown() { kill(getpid(), SIGTERM); }

void ServiceHost::WaitForShutdown() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    int sig = 0;
    sigwait(&set, &sig);
    spdlog::info("received {}, draining (up to {} ms)", sig == SIGINT ? "SIGINT" : "SIGTERM",
                 config_.server.drain_timeout_ms);
    SetServing(false);
    const auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(config_.server.drain_timeout_ms);
    if (server_) {
        // gRPC's own Shutdown(deadline) completes only when every connection is gone, not just every call: a
        // client that keeps an idle channel open (or a health Watch) held it until the deadline. So: stop
        // admitting calls and connections (this is what Shutdown starts with; it may be called more than once),
        // end the long-lived streams, wait for the calls in flight, then cancel what is left and close the
        // connections.
        grpc_completion_queue* drained = grpc_completion_queue_create_for_next(nullptr);
        int tag = 0;
        grpc_server_shutdown_and_notify(server_->c_server(), drained, &tag);
        health_->Shutdown();
        for (const auto& fn : drain_hooks_) fn();
        const auto poll = gpr_time_from_millis(20, GPR_TIMESPAN);
        bool done = false;  // every call and connection already gone
        while (!done && calls_in_flight_.load() > 0 && std::chrono::system_clock::now() < deadline) {
            const auto event = grpc_completion_queue_next(drained, gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC), poll),
                                                          nullptr);
            done = event.type == GRPC_OP_COMPLETE;
        }
        if (calls_in_flight_.load() > 0) {
            spdlog::warn("drain deadline passed with {} call(s) in flight; cancelling them", calls_in_flight_.load());
        }
        if (!done) grpc_server_cancel_all_calls(server_->c_server());  // also closes the idle connections
        server_->Shutdown(deadline);
        server_->Wait();
        grpc_completion_queue_shutdown(drained);
        while (grpc_completion_queue_next(drained, gpr_inf_future(GPR_CLOCK_MONOTONIC), nullptr).type !=
               GRPC_QUEUE_SHUTDOWN) {
        }
        grpc_completion_queue_destroy(drained);
    }
    for (auto it = shutdown_hooks_.rbegin(); it != shutdown_hooks_.rend(); ++it) (*it)();
    metrics_.StopServing();
    spdlog::info("{} stopped", service_);
}

}  // namespace gantry
