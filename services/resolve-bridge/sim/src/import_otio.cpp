#include "import_otio.hpp"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "ids.hpp"
#include "placement.hpp"

namespace gantry::resolve::sim {
namespace {

using nlohmann::json;

int Frames(const json& time) { return static_cast<int>(std::lround(time.value("value", 0.0))); }

std::string MediaPath(const json& clip) {
    const auto key = clip.value("active_media_reference_key", "DEFAULT_MEDIA");
    const auto refs = clip.value("media_references", json::object());
    std::string url = refs.contains(key) ? refs[key].value("target_url", "")
                                         : clip.value("media_reference", json::object()).value("target_url", "");
    if (url.rfind("file://", 0) == 0) url = url.substr(7);
    return url;
}

/// The pool clip for `path`, added to the current bin when the pool does not have it.
std::string ClipFor(SimContext& ctx, const std::string& path, const json& clip, double fps) {
    auto& project = ctx.Project();
    for (const auto& c : project.clips) {
        if (c.file_path == path) return c.id;
    }
    SimClip added;
    added.id = NewId();
    added.name = std::filesystem::path(path).filename().string();
    added.bin_id = project.current_bin_id;
    added.file_path = path;
    added.fps = fps;
    const auto refs = clip.value("media_references", json::object());
    const auto available = refs.value("DEFAULT_MEDIA", json::object()).value("available_range", json());
    added.frames =
        available.is_object() ? Frames(available.value("duration", json::object())) : ctx.options().default_clip_frames;
    project.clips.push_back(added);
    return added.id;
}

}  // namespace

StatusOr<SimTimeline> ImportOtio(SimContext& ctx, const std::string& text, const std::string& name) {
    const auto doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("OTIO_SCHEMA", "") != "Timeline.1") {
        return InvalidArgumentError("not an OpenTimelineIO timeline (the simulator imports OTIO JSON only)");
    }
    try {
        const auto start = doc.value("global_start_time", json());
        const double fps = start.is_object() ? start.value("rate", 24.0) : 24.0;
        SimTimeline timeline = NewTimeline(name.empty() ? doc.value("name", "Imported timeline") : name, fps);
        timeline.video.clear();
        timeline.audio.clear();
        if (start.is_object()) timeline.start_frame = timeline.playhead = Frames(start);
        for (const auto& track : doc.at("tracks").value("children", json::array())) {
            const bool audio = track.value("kind", "Video") == "Audio";
            auto& tracks = audio ? timeline.audio : timeline.video;
            SimTrack t;
            t.name = track.value("name", "");
            t.enabled = track.value("enabled", true);
            if (audio) t.sub_type = "stereo";
            int cursor = timeline.start_frame;
            for (const auto& child : track.value("children", json::array())) {
                const auto schema = child.value("OTIO_SCHEMA", "");
                const auto range = child.value("source_range", json::object());
                const int duration = Frames(range.value("duration", json::object()));
                if (schema == "Clip.2" || schema == "Clip.1") {
                    SimItem item;
                    item.id = NewId();
                    item.link_id = NewId();
                    item.name = child.value("name", "");
                    item.clip_id = ClipFor(ctx, MediaPath(child), child, fps);
                    item.enabled = child.value("enabled", true);
                    item.start = cursor;
                    item.end = cursor + duration;
                    item.source_start = Frames(range.value("start_time", json::object()));
                    item.source_end = item.source_start + duration;
                    t.items.push_back(std::move(item));
                }
                if (schema != "Transition.1") cursor += duration;
            }
            tracks.push_back(std::move(t));
        }
        for (const auto& marker : doc.at("tracks").value("markers", json::array())) {
            const auto range = marker.value("marked_range", json::object());
            const auto resolve = marker.value("metadata", json::object()).value("Resolve_OTIO", json::object());
            SimMarker m{
                Frames(range.value("start_time", json::object())),
                resolve.value("Color", "Blue"),
                marker.value("name", ""),
                marker.value("comment", ""),
                std::max(1, Frames(range.value("duration", json::object()))),
                marker.value("metadata", json::object()).value("gantry", json::object()).value("custom_data", "")};
            timeline.markers[m.frame] = m;
        }
        if (timeline.video.empty()) timeline.video.push_back({"Video 1", true, false, "", {}});
        if (timeline.audio.empty()) timeline.audio.push_back({"Audio 1", true, false, "stereo", {}});
        return timeline;
    } catch (const json::exception& e) {
        return InvalidArgumentError(std::string("the OTIO document does not have the expected shape: ") + e.what());
    }
}

}  // namespace gantry::resolve::sim
