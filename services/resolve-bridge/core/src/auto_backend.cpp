#include "gantry/resolve/auto_backend.hpp"

#include <spdlog/spdlog.h>

namespace gantry::resolve {

AutoBackend::AutoBackend(std::vector<std::unique_ptr<Backend>> candidates, std::chrono::milliseconds retry_interval)
    : candidates_(std::move(candidates)), retry_interval_(retry_interval) {}

BackendState AutoBackend::SelectLocked() {
    const auto now = std::chrono::steady_clock::now();
    if (active_ != nullptr) return last_;
    if (attempted_ && now - last_attempt_ < retry_interval_) return last_;
    attempted_ = true;
    last_attempt_ = now;
    std::string reasons;
    for (auto& candidate : candidates_) {
        auto state = candidate->Probe();
        if (state.available) {
            spdlog::info("resolve backend auto: {} answers ({})", candidate->name(), state.reason);
            active_ = candidate.get();
            last_ = std::move(state);
            return last_;
        }
        reasons += (reasons.empty() ? "" : "; ") + state.reason;
    }
    last_ = BackendState{};
    last_.reason = "no Resolve backend is available (" + reasons +
                   "). Start DaVinci Resolve Studio, set Preferences > System > General > External scripting "
                   "using to Local, and check RESOLVE_SCRIPT_API / RESOLVE_SCRIPT_LIB (docs/api/resolve-bridge.md)";
    spdlog::warn("resolve backend auto: {}", last_.reason);
    return last_;
}

StatusOr<Backend*> AutoBackend::Select() {
    std::lock_guard lock(mutex_);
    const auto state = SelectLocked();
    if (active_ == nullptr) return UnavailableError(state.reason).WithReason("RESOLVE_UNAVAILABLE");
    return active_;
}

Status AutoBackend::Call(std::string_view method, const google::protobuf::Message& request,
                         google::protobuf::Message& response) {
    GANTRY_ASSIGN_OR_RETURN(Backend * backend, Select());
    auto status = backend->Call(method, request, response);
    if (status.code() == StatusCode::kUnavailable) {
        // Resolve went away under this backend: the next call looks for one again.
        std::lock_guard lock(mutex_);
        if (active_ == backend) {
            active_ = nullptr;
            attempted_ = false;
        }
    }
    return status;
}

BackendState AutoBackend::Probe() {
    std::lock_guard lock(mutex_);
    if (active_ != nullptr) {
        auto state = active_->Probe();
        if (state.available) return state;
        active_ = nullptr;
        attempted_ = false;
    }
    return SelectLocked();
}

}  // namespace gantry::resolve
