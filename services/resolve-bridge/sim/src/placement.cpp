#include "placement.hpp"

#include <algorithm>

#include "convert.hpp"
#include "ids.hpp"
#include "timecode.hpp"

namespace gantry::resolve::sim {
namespace {

int TrackEnd(const SimTrack& track, int timeline_start) {
    int end = timeline_start;
    for (const auto& item : track.items) end = std::max(end, item.end);
    return end;
}

Status Insert(SimTimeline& timeline, v1::TrackType type, int index, SimItem item) {
    GANTRY_ASSIGN_OR_RETURN(auto* track, TrackAt(timeline, type, index));
    if (track->locked) {
        return FailedPreconditionError(TrackTypeName(type) + " track " + std::to_string(index) + " of '" +
                                       timeline.name + "' is locked");
    }
    for (const auto& other : track->items) {
        if (item.start < other.end && other.start < item.end) {
            return FailedPreconditionError("frames " + std::to_string(item.start) + ".." + std::to_string(item.end) +
                                           " overlap item '" + other.name + "' on " + TrackTypeName(type) + " track " +
                                           std::to_string(index));
        }
    }
    const auto pos = std::upper_bound(track->items.begin(), track->items.end(), item.start,
                                      [](int start, const SimItem& i) { return start < i.start; });
    track->items.insert(pos, std::move(item));
    return Status::Ok();
}

}  // namespace

SimTimeline NewTimeline(const std::string& name, double fps) {
    SimTimeline timeline;
    timeline.id = NewId();
    timeline.name = name;
    timeline.fps = fps;
    timeline.start_frame = 3600 * NominalFps(fps);
    timeline.playhead = timeline.start_frame;
    timeline.video.push_back({"Video 1", true, false, "", {}});
    timeline.audio.push_back({"Audio 1", true, false, "stereo", {}});
    return timeline;
}

Status PlaceClips(SimContext& ctx, SimTimeline& timeline,
                  const google::protobuf::RepeatedPtrField<v1::ClipPlacement>& placements,
                  std::vector<v1::TimelineItem>& items) {
    SimTimeline draft = timeline;
    std::vector<std::pair<v1::TrackType, int>> placed;  // (type, track) of each new item, in order
    std::vector<std::string> placed_ids;
    for (const auto& p : placements) {
        GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(p.clip_id()));
        const int source_start = p.has_start_frame() ? p.start_frame() : 0;
        const int source_end = p.has_end_frame() ? p.end_frame() : clip->frames;
        if (source_end > clip->frames) {
            return OutOfRangeError("end_frame " + std::to_string(source_end) + " is past the end of clip '" +
                                   clip->name + "' (" + std::to_string(clip->frames) + " frames; ends are exclusive)");
        }
        if (source_start >= source_end) {
            return InvalidArgumentError("start_frame must be before end_frame for clip '" + clip->name + "'");
        }
        const int track = p.track_index() == 0 ? 1 : p.track_index();
        const auto primary = clip->has_video ? v1::TRACK_TYPE_VIDEO : v1::TRACK_TYPE_AUDIO;
        GANTRY_ASSIGN_OR_RETURN(auto* primary_track, TrackAt(draft, primary, track));
        const int record = p.has_record_frame() ? p.record_frame() : TrackEnd(*primary_track, draft.start_frame);
        if (record < draft.start_frame) {
            return OutOfRangeError("record_frame " + std::to_string(record) + " is before the timeline's start frame " +
                                   std::to_string(draft.start_frame));
        }
        SimItem item;
        item.name = clip->name;
        item.clip_id = clip->id;
        item.link_id = NewId();
        item.start = record;
        item.end = record + (source_end - source_start);
        item.source_start = source_start;
        item.source_end = source_end;
        for (auto type : {v1::TRACK_TYPE_VIDEO, v1::TRACK_TYPE_AUDIO}) {
            if ((type == v1::TRACK_TYPE_VIDEO && !clip->has_video) ||
                (type == v1::TRACK_TYPE_AUDIO && !clip->has_audio)) {
                continue;
            }
            item.id = NewId();
            GANTRY_RETURN_IF_ERROR(Insert(draft, type, track, item));
            placed.emplace_back(type, track);
            placed_ids.push_back(item.id);
        }
    }
    timeline = std::move(draft);
    for (size_t i = 0; i < placed_ids.size(); ++i) {
        const auto& [type, track] = placed[i];
        for (const auto& item : Tracks(timeline, type)[static_cast<size_t>(track - 1)].items) {
            if (item.id != placed_ids[i]) continue;
            v1::TimelineItem out;
            ToProto(item, type, track, out);
            items.push_back(std::move(out));
        }
    }
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
