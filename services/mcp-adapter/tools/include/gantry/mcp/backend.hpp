#pragma once
/// @file One gRPC backend the adapter forwards tool calls to: a channel, calls by method name
/// (gantry::client::GenericCaller), a health probe and an up/down state.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "gantry/client/generic_caller.hpp"
#include "gantry/common/status.hpp"

namespace gantry::mcp {

struct BackendConfig {
    std::string name;     // "db"
    std::string address;  // "127.0.0.1:50052" or "unix:/run/gantry/db.sock"
    std::chrono::milliseconds call_timeout{30000};
    std::string token;  // bearer token sent to the backend; empty = none
    int64_t max_message_bytes = 16 * 1024 * 1024;
};

/// Lets another thread cancel a call in flight (MCP notifications/cancelled).
using CallControl = client::CallControl;

class Backend {
public:
    explicit Backend(BackendConfig config);

    const BackendConfig& config() const { return config_; }

    /// Calls a unary `method` ("/pkg.Service/Method") with a serialized request; returns the
    /// serialized response or the call's gRPC status as a Status.
    StatusOr<std::string> CallUnary(const std::string& method, const std::string& request, CallControl& control) const;

    /// Calls a server-streaming `method` and hands each serialized response to `on_message`. A non-OK
    /// Status from `on_message` cancels the call and is returned; otherwise the call's gRPC status.
    Status CallStreaming(const std::string& method, const std::string& request, CallControl& control,
                         const std::function<Status(std::string)>& on_message) const;

    /// Asks grpc.health.v1 whether the backend serves. A backend that answers UNIMPLEMENTED (no
    /// health service) counts as up. Updates up() and returns it.
    bool Probe(std::chrono::milliseconds timeout);

    bool up() const { return up_.load(); }
    /// Records the state seen by a call (UNAVAILABLE marks it down); returns whether it changed.
    bool SetUp(bool up) { return up_.exchange(up) != up; }

private:
    BackendConfig config_;
    client::GenericCaller caller_;
    std::atomic<bool> up_{false};
};

}  // namespace gantry::mcp
