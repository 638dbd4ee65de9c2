#pragma once
/// @file Calls any RPC by method name with serialized messages through grpc::GenericStub, so no
/// generated stub is needed: the bearer token and a deadline go on every call, errors come back as a
/// Status with the service's reason and metadata (gantry.common.v1.ErrorDetail).

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "gantry/common/status.hpp"

namespace gantry::client {

/// Lets another thread cancel a call in flight. Cancel() before the call starts makes it end as
/// CANCELLED at once.
class CallControl {
public:
    void Cancel();
    bool cancelled() const;

private:
    friend class GenericCaller;
    void Attach(grpc::ClientContext* context);
    void Detach();

    mutable std::mutex mu_;
    grpc::ClientContext* context_ = nullptr;
    bool cancelled_ = false;
};

struct CallOptions {
    std::string token;                           // sent as "authorization: Bearer <token>"; empty = none
    std::chrono::milliseconds timeout{30000};    // the deadline of each call
};

class GenericCaller {
public:
    GenericCaller(std::shared_ptr<grpc::Channel> channel, CallOptions options);

    const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
    const CallOptions& options() const { return options_; }

    /// Sets the token and a deadline `timeout` from now (the default timeout when zero) on a context.
    void Prepare(grpc::ClientContext& context, std::chrono::milliseconds timeout = {}) const;

    /// Calls a unary `method` ("/pkg.Service/Method") with a serialized request; returns the
    /// serialized response or the call's gRPC status as a Status.
    StatusOr<std::string> CallUnary(const std::string& method, const std::string& request, CallControl& control,
                                    std::chrono::milliseconds timeout = {}) const;

    /// Calls a server-streaming `method` and hands each serialized response to `on_message`. A non-OK
    /// Status from `on_message` cancels the call and is returned; otherwise the call's gRPC status.
    Status CallStreaming(const std::string& method, const std::string& request, CallControl& control,
                         const std::function<Status(std::string)>& on_message,
                         std::chrono::milliseconds timeout = {}) const;

private:
    std::shared_ptr<grpc::Channel> channel_;
    CallOptions options_;
};

}  // namespace gantry::client
