// The simulated render queue: jobs of one StartRender run one after another at resolve.sim.render_fps, and each
// finished job leaves a JSON manifest of what it rendered beside where the media would be.
#include <filesystem>
#include <fstream>

#include "export.hpp"
#include "ops.hpp"
#include "render_catalog.hpp"

namespace gantry::resolve::sim {
namespace {

int64_t DurationMs(const SimRenderJob& job, double render_fps) {
    return static_cast<int64_t>(static_cast<double>(job.mark_out - job.mark_in) * 1000.0 / render_fps);
}

nlohmann::json Manifest(const SimProject& project, const SimRenderJob& job) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& timeline : project.timelines) {
        if (timeline.id != job.timeline_id) continue;
        for (size_t t = 0; t < timeline.video.size(); ++t) {
            for (const auto& item : timeline.video[t].items) {
                if (item.end <= job.mark_in || item.start >= job.mark_out) continue;
                const auto* clip = FindClip(project, item.clip_id);
                items.push_back({{"track", t + 1},
                                 {"start", item.start},
                                 {"end", item.end},
                                 {"source_start", item.source_start},
                                 {"source_end", item.source_end},
                                 {"file", clip ? clip->file_path : ""},
                                 {"enabled", item.enabled}});
            }
        }
    }
    return {{"generator", "gantry resolve-bridge simulator"},
            {"note", "the simulator renders this manifest, not media"},
            {"job_id", job.job_id},
            {"project", project.name},
            {"timeline", job.timeline_name},
            {"output", job.output_path},
            {"format", job.settings.format},
            {"codec", job.settings.codec},
            {"width", job.settings.width},
            {"height", job.settings.height},
            {"mark_in", job.mark_in},
            {"mark_out", job.mark_out},
            {"frames", job.mark_out - job.mark_in},
            {"video", job.settings.export_video},
            {"audio", job.settings.export_audio},
            {"items", items}};
}

/// Writes the manifest; a failure fails the job with the reason.
void Finish(const SimProject& project, SimRenderJob& job) {
    std::error_code ec;
    std::filesystem::create_directories(job.settings.target_dir, ec);
    const auto path = job.output_path + ".manifest.json";
    std::ofstream out(path, std::ios::trunc);
    out << Manifest(project, job).dump(2) << "\n";
    out.close();
    if (ec || !out) {
        job.state = v1::RENDER_STATE_FAILED;
        job.error = "cannot write " + path;
        return;
    }
    job.state = v1::RENDER_STATE_COMPLETE;
    job.percentage = 100;
}

bool TickProject(SimProject& project, int64_t now, double render_fps) {
    bool changed = false;
    for (size_t i = 0; i < project.jobs.size(); ++i) {
        auto& job = project.jobs[i];
        if (job.state != v1::RENDER_STATE_RENDERING) continue;
        const int64_t duration = DurationMs(job, render_fps);
        const int64_t elapsed = now - job.started_at_ms;
        if (elapsed < duration) {
            const int percentage = static_cast<int>(elapsed * 100 / std::max<int64_t>(duration, 1));
            changed = changed || percentage != job.percentage;
            job.percentage = percentage;
            break;  // one job renders at a time
        }
        Finish(project, job);
        changed = true;
        // The next queued job starts when this one ended, however late we look.
        for (size_t j = i + 1; j < project.jobs.size(); ++j) {
            if (project.jobs[j].state != v1::RENDER_STATE_QUEUED) continue;
            project.jobs[j].state = v1::RENDER_STATE_RENDERING;
            project.jobs[j].started_at_ms = job.started_at_ms + duration;
            break;
        }
    }
    return changed;
}

}  // namespace

bool TickRenders(SimContext& ctx) {
    bool changed = false;
    for (auto& [name, project] : ctx.state().projects) {
        changed = TickProject(project, ctx.now_ms(), ctx.options().render_fps) || changed;
    }
    return changed;
}

}  // namespace gantry::resolve::sim
