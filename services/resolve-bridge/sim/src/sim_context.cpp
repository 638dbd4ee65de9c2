#include "sim_context.hpp"

namespace gantry::resolve::sim {

SimProject& SimContext::Project() { return state_.projects.at(state_.current_project); }

StatusOr<SimBin*> SimContext::Bin(const std::string& id) {
    for (auto& bin : Project().bins) {
        if (bin.id == id) return &bin;
    }
    return NotFoundError("no bin '" + id + "' in project '" + Project().name + "'");
}

StatusOr<SimClip*> SimContext::Clip(const std::string& id) {
    for (auto& clip : Project().clips) {
        if (clip.id == id) return &clip;
    }
    return NotFoundError("no clip '" + id + "' in the media pool of project '" + Project().name + "'");
}

StatusOr<SimTimeline*> SimContext::Timeline(const std::string& id) {
    for (auto& timeline : Project().timelines) {
        if (timeline.id == id) return &timeline;
    }
    return NotFoundError("no timeline '" + id + "' in project '" + Project().name + "'");
}

StatusOr<SimTimeline*> SimContext::CurrentTimeline() {
    const auto& id = Project().current_timeline_id;
    if (id.empty()) return FailedPreconditionError("project '" + Project().name + "' has no current timeline");
    return Timeline(id);
}

StatusOr<ItemRef> SimContext::Item(const std::string& id) {
    for (auto& timeline : Project().timelines) {
        for (auto type : {v1::TRACK_TYPE_VIDEO, v1::TRACK_TYPE_AUDIO, v1::TRACK_TYPE_SUBTITLE}) {
            auto& tracks = Tracks(timeline, type);
            for (size_t t = 0; t < tracks.size(); ++t) {
                for (auto& item : tracks[t].items) {
                    if (item.id == id) return ItemRef{&timeline, type, static_cast<int>(t + 1), &tracks[t], &item};
                }
            }
        }
    }
    return NotFoundError("no timeline item '" + id + "' in project '" + Project().name + "'");
}

std::vector<SimTrack>& Tracks(SimTimeline& timeline, v1::TrackType type) {
    switch (type) {
        case v1::TRACK_TYPE_AUDIO:
            return timeline.audio;
        case v1::TRACK_TYPE_SUBTITLE:
            return timeline.subtitle;
        default:
            return timeline.video;
    }
}

std::string TrackTypeName(v1::TrackType type) {
    switch (type) {
        case v1::TRACK_TYPE_AUDIO:
            return "audio";
        case v1::TRACK_TYPE_SUBTITLE:
            return "subtitle";
        default:
            return "video";
    }
}

StatusOr<SimTrack*> TrackAt(SimTimeline& timeline, v1::TrackType type, int index) {
    auto& tracks = Tracks(timeline, type);
    if (index < 1 || index > static_cast<int>(tracks.size())) {
        return InvalidArgumentError("timeline '" + timeline.name + "' has " + std::to_string(tracks.size()) + " " +
                                    TrackTypeName(type) + " track(s); index " + std::to_string(index) +
                                    " is out of range (indices are 1-based)");
    }
    return &tracks[static_cast<size_t>(index - 1)];
}

int TimelineEnd(const SimTimeline& timeline) {
    int end = timeline.start_frame;
    for (const auto* tracks : {&timeline.video, &timeline.audio, &timeline.subtitle}) {
        for (const auto& track : *tracks) {
            for (const auto& item : track.items) end = std::max(end, item.end);
        }
    }
    return end;
}

}  // namespace gantry::resolve::sim
