#include "gantry/resolve/embedded/embedded_backend.hpp"

#include <spdlog/spdlog.h>

#include "gantry/resolve/python_protocol.hpp"
#include "interpreter.hpp"

namespace gantry::resolve::embedded {

EmbeddedBackend::EmbeddedBackend(PythonSetup setup) : setup_(std::move(setup)) {}

EmbeddedBackend::~EmbeddedBackend() = default;

BackendState EmbeddedBackend::EnsureConnectedLocked() {
    if (connected_.available) return connected_;
    if (!interpreter_) {
        auto started = Interpreter::Start(setup_);
        if (!started.ok()) return {"", false, "embedded: " + started.status().message(), "", ""};
        interpreter_ = std::move(*started);
    }
    auto reply = interpreter_->Handle(R"({"method":"Connect","params":{}})");
    if (!reply.ok()) return {"", false, "embedded: " + reply.status().message(), "", ""};
    connected_ = DecodeConnectReply("embedded", *reply);
    return connected_;
}

Status EmbeddedBackend::Call(std::string_view method, const google::protobuf::Message& request,
                             google::protobuf::Message& response) {
    std::lock_guard lock(mutex_);
    const auto state = EnsureConnectedLocked();
    if (!state.available) return UnavailableError(state.reason).WithReason("RESOLVE_UNAVAILABLE");
    GANTRY_ASSIGN_OR_RETURN(const auto reply, interpreter_->Handle(EncodeCall(method, request)));
    auto status = DecodeReply(method, reply, response);
    if (status.code() == StatusCode::kUnavailable) connected_ = BackendState{};  // reconnect on the next call
    return status;
}

BackendState EmbeddedBackend::Probe() {
    std::lock_guard lock(mutex_);
    return EnsureConnectedLocked();
}

}  // namespace gantry::resolve::embedded
