#include "gantry/mcp/backend.hpp"

#include <stdexcept>

#include "gantry/client/channel.hpp"
#include "grpc/health/v1/health.grpc.pb.h"

namespace gantry::mcp {
namespace {

std::shared_ptr<grpc::Channel> OpenBackendChannel(const BackendConfig& config) {
    client::ChannelOptions options;
    options.address = config.address;
    options.max_message_bytes = config.max_message_bytes;
    auto channel = client::OpenChannel(options);
    // The adapter's configuration is validated before backends are made, so this only fails on a bug.
    if (!channel.ok()) throw std::invalid_argument("backend '" + config.name + "': " + channel.status().message());
    return *channel;
}

}  // namespace

Backend::Backend(BackendConfig config)
    : config_(std::move(config)),
      caller_(OpenBackendChannel(config_), client::CallOptions{config_.token, config_.call_timeout}) {}

StatusOr<std::string> Backend::CallUnary(const std::string& method, const std::string& request,
                                         CallControl& control) const {
    return caller_.CallUnary(method, request, control);
}

Status Backend::CallStreaming(const std::string& method, const std::string& request, CallControl& control,
                              const std::function<Status(std::string)>& on_message) const {
    return caller_.CallStreaming(method, request, control, on_message);
}

bool Backend::Probe(std::chrono::milliseconds timeout) {
    grpc::ClientContext context;
    caller_.Prepare(context, timeout);
    auto stub = grpc::health::v1::Health::NewStub(caller_.channel());
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    const auto status = stub->Check(&context, request, &response);
    const bool up = status.error_code() == grpc::StatusCode::UNIMPLEMENTED ||
                    (status.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING);
    up_.store(up);
    return up;
}

}  // namespace gantry::mcp
