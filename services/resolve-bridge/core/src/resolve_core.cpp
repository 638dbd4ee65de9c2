#include "gantry/resolve/resolve_core.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "gantry/resolve/validation.hpp"

namespace gantry::resolve {
namespace {

bool IsActive(v1::RenderState state) { return state == v1::RENDER_STATE_RENDERING || state == v1::RENDER_STATE_QUEUED; }

}  // namespace

ResolveCore::ResolveCore(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}

Status ResolveCore::Call(std::string_view method, const google::protobuf::Message& request,
                         google::protobuf::Message& response) {
    GANTRY_RETURN_IF_ERROR(ValidateRequest(request));
    return backend_->Call(method, request, response);
}

Status ResolveCore::GetStatus(v1::GetStatusResponse& response) {
    const auto state = backend_->Probe();
    response.set_configured_backend(backend_->name());
    response.set_backend(state.backend);
    response.set_available(state.available);
    response.set_reason(state.reason);
    response.set_product(state.product);
    response.set_version(state.version);
    return Status::Ok();
}

Status ResolveCore::WatchRender(const v1::WatchRenderRequest& request,
                                const std::function<bool(const v1::RenderProgress&)>& emit,
                                const std::function<bool()>& cancelled) {
    GANTRY_RETURN_IF_ERROR(ValidateRequest(request));
    const auto interval = std::chrono::milliseconds(request.interval_ms() == 0 ? 500 : request.interval_ms());
    const std::set<std::string> wanted(request.job_ids().begin(), request.job_ids().end());
    std::map<std::string, std::pair<int, int>> last_sent;  // job id -> (state, percentage)
    while (!cancelled()) {
        v1::ListRenderJobsResponse jobs;
        GANTRY_RETURN_IF_ERROR(backend_->Call("ListRenderJobs", v1::ListRenderJobsRequest(), jobs));
        std::set<std::string> seen;
        bool any_active = false;
        for (const auto& job : jobs.jobs()) {
            if (!wanted.empty() && !wanted.count(job.job_id())) continue;
            seen.insert(job.job_id());
            any_active = any_active || IsActive(job.state());
            const std::pair<int, int> now{job.state(), job.completion_percentage()};
            if (auto it = last_sent.find(job.job_id()); it != last_sent.end() && it->second == now) continue;
            last_sent[job.job_id()] = now;
            v1::RenderProgress progress;
            *progress.mutable_job() = job;
            if (!emit(progress)) return Status::Ok();
        }
        for (const auto& id : wanted) {
            if (!seen.count(id)) return NotFoundError("no render job '" + id + "' in the render queue");
        }
        if (!any_active) return Status::Ok();
        // In slices, so a cancel (or the server's drain) is noticed within 50 ms, not one whole interval.
        constexpr auto kSlice = std::chrono::milliseconds(50);
        for (auto slept = std::chrono::milliseconds(0); slept < interval && !cancelled(); slept += kSlice) {
            std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(interval - slept, kSlice));
        }
    }
    return CancelledError("the client cancelled WatchRender");
}

}  // namespace gantry::resolve
