#include "gantry/resolve/worker/worker_backend.hpp"

#include <spdlog/spdlog.h>

#include "framing.hpp"
#include "gantry/resolve/python_protocol.hpp"
#include "worker_process.hpp"

namespace gantry::resolve::worker {

WorkerBackend::WorkerBackend(WorkerOptions options) : options_(std::move(options)) {}

WorkerBackend::~WorkerBackend() = default;

StatusOr<std::string> WorkerBackend::RoundTripLocked(std::string_view method, const std::string& payload,
                                                     std::chrono::milliseconds timeout) {
    const auto pid = process_->pid();
    auto status = WriteFrame(process_->to_worker(), payload);
    StatusOr<std::string> reply = status.ok()
                                      ? ReadFrame(process_->from_worker(), std::chrono::steady_clock::now() + timeout)
                                      : StatusOr<std::string>(status);
    if (reply.ok()) return reply;
    connected_ = BackendState{};
    if (reply.status().code() == StatusCode::kDeadlineExceeded) {
        process_->Kill();
        process_.reset();
        spdlog::warn("python-worker (pid {}) did not answer {} within {} ms; killed it", pid, method, timeout.count());
        return DeadlineExceededError("Resolve did not answer " + std::string(method) + " within " +
                                     std::to_string(timeout.count()) +
                                     " ms (a modal dialog open in Resolve?); the worker was stopped and a new one "
                                     "starts with the next call")
            .WithReason("WORKER_TIMEOUT");
    }
    const auto how = process_->Reap();
    process_.reset();
    spdlog::warn("python-worker (pid {}) died during {} ({})", pid, method, how);
    return UnavailableError("the Python worker died during " + std::string(method) + " (" + how +
                            "); a new one starts with the next call")
        .WithReason("WORKER_CRASHED");
}

BackendState WorkerBackend::EnsureConnectedLocked() {
    if (process_ && connected_.available) return connected_;
    if (!process_) {
        auto started = WorkerProcess::Start(options_.setup);
        if (!started.ok()) return {"", false, "python-worker: cannot start: " + started.status().message(), "", ""};
        process_ = std::move(*started);
        spdlog::info("python-worker started (pid {}, {})", process_->pid(), options_.setup.python_executable);
    }
    const auto pid = process_->pid();
    auto reply = RoundTripLocked(kConnectMethod, R"({"method":"Connect","params":{}})", options_.connect_timeout);
    if (!reply.ok()) return {"", false, "python-worker: " + reply.status().message(), "", ""};
    connected_ = DecodeConnectReply("python-worker", *reply);
    if (connected_.available) connected_.reason += " (pid " + std::to_string(pid) + ")";
    return connected_;
}

Status WorkerBackend::Call(std::string_view method, const google::protobuf::Message& request,
                           google::protobuf::Message& response) {
    std::lock_guard lock(mutex_);
    const auto state = EnsureConnectedLocked();
    if (!state.available) return UnavailableError(state.reason).WithReason("RESOLVE_UNAVAILABLE");
    GANTRY_ASSIGN_OR_RETURN(const auto reply,
                            RoundTripLocked(method, EncodeCall(method, request), options_.call_timeout));
    auto status = DecodeReply(method, reply, response);
    if (status.code() == StatusCode::kUnavailable) connected_ = BackendState{};  // reconnect on the next call
    return status;
}

BackendState WorkerBackend::Probe() {
    std::lock_guard lock(mutex_);
    return EnsureConnectedLocked();
}

}  // namespace gantry::resolve::worker
