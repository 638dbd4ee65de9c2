// Render queue operations: settings, presets and jobs of the open project.
#include <filesystem>

#include "convert.hpp"
#include "ids.hpp"
#include "ops.hpp"
#include "render_catalog.hpp"

namespace gantry::resolve::sim {
namespace {

bool IsActive(int state) { return state == v1::RENDER_STATE_RENDERING || state == v1::RENDER_STATE_QUEUED; }

StatusOr<SimRenderJob*> Job(SimContext& ctx, const std::string& id) {
    for (auto& job : ctx.Project().jobs) {
        if (job.job_id == id) return &job;
    }
    return NotFoundError("no render job '" + id + "' in the render queue of project '" + ctx.Project().name + "'");
}

Status CheckCodec(const std::string& format, const std::string& codec) {
    const auto it = RenderCodecs().find(format);
    if (it == RenderCodecs().end()) return InvalidArgumentError("unknown render format '" + format + "'");
    for (const auto& [description, name] : it->second) {
        if (name == codec) return Status::Ok();
    }
    return InvalidArgumentError("format '" + format + "' has no codec '" + codec + "' (see ListRenderCodecs)");
}

}  // namespace

Status ListRenderFormats(SimContext&, const v1::ListRenderFormatsRequest&, v1::ListRenderFormatsResponse& response) {
    response.mutable_formats()->insert(RenderFormats().begin(), RenderFormats().end());
    return Status::Ok();
}

Status ListRenderCodecs(SimContext&, const v1::ListRenderCodecsRequest& request,
                        v1::ListRenderCodecsResponse& response) {
    const auto it = RenderCodecs().find(request.format());
    if (it == RenderCodecs().end()) return InvalidArgumentError("unknown render format '" + request.format() + "'");
    response.mutable_codecs()->insert(it->second.begin(), it->second.end());
    return Status::Ok();
}

Status SetRenderFormatAndCodec(SimContext& ctx, const v1::SetRenderFormatAndCodecRequest& request,
                               v1::SetRenderFormatAndCodecResponse&) {
    GANTRY_RETURN_IF_ERROR(CheckCodec(request.format(), request.codec()));
    ctx.Project().render.format = request.format();
    ctx.Project().render.codec = request.codec();
    return Status::Ok();
}

Status ListRenderPresets(SimContext& ctx, const v1::ListRenderPresetsRequest&,
                         v1::ListRenderPresetsResponse& response) {
    for (const auto& [name, settings] : BuiltInRenderPresets()) response.add_presets(name);
    for (const auto& [name, settings] : ctx.Project().render_presets) response.add_presets(name);
    return Status::Ok();
}

Status LoadRenderPreset(SimContext& ctx, const v1::LoadRenderPresetRequest& request, v1::LoadRenderPresetResponse&) {
    auto& project = ctx.Project();
    const auto builtin = BuiltInRenderPresets().find(request.name());
    const auto saved = project.render_presets.find(request.name());
    if (builtin == BuiltInRenderPresets().end() && saved == project.render_presets.end()) {
        return NotFoundError("no render preset '" + request.name() + "'");
    }
    const auto& preset = saved != project.render_presets.end() ? saved->second : builtin->second;
    // A preset sets how to render, not where: the target folder and name stay.
    const auto target_dir = project.render.target_dir;
    const auto custom_name = project.render.custom_name;
    project.render = preset;
    project.render.target_dir = target_dir;
    project.render.custom_name = custom_name;
    return Status::Ok();
}

Status SaveRenderPreset(SimContext& ctx, const v1::SaveRenderPresetRequest& request, v1::SaveRenderPresetResponse&) {
    auto& project = ctx.Project();
    if (BuiltInRenderPresets().count(request.name()) || project.render_presets.count(request.name())) {
        return AlreadyExistsError("a render preset named '" + request.name() + "' already exists");
    }
    project.render_presets[request.name()] = project.render;
    return Status::Ok();
}

Status SetRenderSettings(SimContext& ctx, const v1::SetRenderSettingsRequest& request, v1::SetRenderSettingsResponse&) {
    auto& r = ctx.Project().render;
    if (request.has_format_width() && request.format_width() <= 0)
        return InvalidArgumentError("format_width must be positive");
    if (request.has_format_height() && request.format_height() <= 0)
        return InvalidArgumentError("format_height must be positive");
    if (request.has_target_dir()) r.target_dir = request.target_dir();
    if (request.has_custom_name()) r.custom_name = request.custom_name();
    if (request.has_mark_in()) r.mark_in = request.mark_in();
    if (request.has_mark_out()) r.mark_out = request.mark_out();
    if (request.has_select_all_frames()) {
        r.select_all_frames = request.select_all_frames();
    } else if (request.has_mark_in() || request.has_mark_out()) {
        r.select_all_frames = false;
    }
    if (request.has_export_video()) r.export_video = request.export_video();
    if (request.has_export_audio()) r.export_audio = request.export_audio();
    if (request.has_format_width()) r.width = request.format_width();
    if (request.has_format_height()) r.height = request.format_height();
    return Status::Ok();
}

Status AddRenderJob(SimContext& ctx, const v1::AddRenderJobRequest&, v1::AddRenderJobResponse& response) {
    auto& project = ctx.Project();
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.CurrentTimeline());
    const auto& r = project.render;
    if (r.target_dir.empty())
        return FailedPreconditionError("set target_dir with SetRenderSettings before adding a job");
    const int end = TimelineEnd(*timeline);
    if (end == timeline->start_frame) return FailedPreconditionError("timeline '" + timeline->name + "' is empty");
    SimRenderJob job;
    job.mark_in = r.select_all_frames ? timeline->start_frame : r.mark_in;
    job.mark_out = r.select_all_frames ? end : r.mark_out;
    if (job.mark_in < timeline->start_frame || job.mark_out > end || job.mark_out <= job.mark_in) {
        return OutOfRangeError("render range " + std::to_string(job.mark_in) + ".." + std::to_string(job.mark_out) +
                               " is not within timeline '" + timeline->name + "' (" +
                               std::to_string(timeline->start_frame) + ".." + std::to_string(end) + ", end exclusive)");
    }
    if (!r.export_video && !r.export_audio)
        return FailedPreconditionError("render settings export neither video nor audio");
    job.job_id = NewId();
    job.timeline_id = timeline->id;
    job.timeline_name = timeline->name;
    job.settings = r;
    const auto name = r.custom_name.empty() ? timeline->name : r.custom_name;
    job.output_path = (std::filesystem::path(r.target_dir) / (name + "." + RenderFormats().at(r.format))).string();
    job.state = v1::RENDER_STATE_READY;
    ToProto(job, *response.mutable_job());
    project.jobs.push_back(std::move(job));
    return Status::Ok();
}

Status ListRenderJobs(SimContext& ctx, const v1::ListRenderJobsRequest&, v1::ListRenderJobsResponse& response) {
    for (const auto& job : ctx.Project().jobs) ToProto(job, *response.add_jobs());
    return Status::Ok();
}

Status DeleteRenderJob(SimContext& ctx, const v1::DeleteRenderJobRequest& request, v1::DeleteRenderJobResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* job, Job(ctx, request.job_id()));
    if (IsActive(job->state))
        return FailedPreconditionError("render job '" + job->job_id + "' is rendering; stop it first");
    std::erase_if(ctx.Project().jobs, [&](const SimRenderJob& j) { return j.job_id == request.job_id(); });
    return Status::Ok();
}

Status ClearRenderQueue(SimContext& ctx, const v1::ClearRenderQueueRequest&, v1::ClearRenderQueueResponse&) {
    for (const auto& job : ctx.Project().jobs) {
        if (IsActive(job.state))
            return FailedPreconditionError("a render is in progress; stop it before clearing the queue");
    }
    ctx.Project().jobs.clear();
    return Status::Ok();
}

Status StartRender(SimContext& ctx, const v1::StartRenderRequest& request, v1::StartRenderResponse&) {
    auto& jobs = ctx.Project().jobs;
    for (const auto& job : jobs) {
        if (IsActive(job.state)) return FailedPreconditionError("a render is already in progress");
    }
    std::vector<SimRenderJob*> chosen;
    for (const auto& id : request.job_ids()) {
        GANTRY_ASSIGN_OR_RETURN(auto* job, Job(ctx, id));
        chosen.push_back(job);
    }
    if (request.job_ids().empty()) {
        for (auto& job : jobs) chosen.push_back(&job);
    }
    if (chosen.empty()) return FailedPreconditionError("the render queue is empty; add a job first");
    // Jobs render in queue order, whatever order they were named in.
    bool first = true;
    for (auto& job : jobs) {
        if (std::find(chosen.begin(), chosen.end(), &job) == chosen.end()) continue;
        job.state = first ? v1::RENDER_STATE_RENDERING : v1::RENDER_STATE_QUEUED;
        job.started_at_ms = first ? ctx.now_ms() : 0;
        job.percentage = 0;
        job.error.clear();
        first = false;
    }
    return Status::Ok();
}

Status StopRender(SimContext& ctx, const v1::StopRenderRequest&, v1::StopRenderResponse&) {
    for (auto& job : ctx.Project().jobs) {
        if (job.state == v1::RENDER_STATE_RENDERING) job.state = v1::RENDER_STATE_CANCELLED;
        if (job.state == v1::RENDER_STATE_QUEUED) job.state = v1::RENDER_STATE_READY;
    }
    return Status::Ok();
}

Status GetRenderStatus(SimContext& ctx, const v1::GetRenderStatusRequest& request,
                       v1::GetRenderStatusResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* job, Job(ctx, request.job_id()));
    ToProto(*job, *response.mutable_job());
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
