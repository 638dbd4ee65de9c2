#pragma once
/// @file The transport-free core of resolve-bridge: validates requests, hands them to the configured backend,
/// reports the bridge's status and follows render jobs. The gRPC service is a thin layer over it.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "gantry/resolve/backend.hpp"
#include "gantry/resolve/v1/app.pb.h"
#include "gantry/resolve/v1/render.pb.h"

namespace gantry::resolve {

class ResolveCore final {
public:
    explicit ResolveCore(std::unique_ptr<Backend> backend);

    /// One unary method of methods.hpp.
    Status Call(std::string_view method, const google::protobuf::Message& request, google::protobuf::Message& response);

    Status GetStatus(v1::GetStatusResponse& response);

    /// Sends the followed jobs' state whenever it changes until none is queued or rendering, `emit` returns
    /// false (the client went away) or `cancelled` says so. Unknown job ids are NOT_FOUND.
    Status WatchRender(const v1::WatchRenderRequest& request,
                       const std::function<bool(const v1::RenderProgress&)>& emit,
                       const std::function<bool()>& cancelled);

    Backend& backend() { return *backend_; }

private:
    std::unique_ptr<Backend> backend_;
};

}  // namespace gantry::resolve
