// Timeline operations: names are unique per project, tracks 1-based, playhead within the timeline.
#include <filesystem>
#include <fstream>
#include <set>

#include "convert.hpp"
#include "export.hpp"
#include "import_otio.hpp"
#include "ids.hpp"
#include "ops.hpp"
#include "placement.hpp"
#include "timecode.hpp"

namespace gantry::resolve::sim {
namespace {

Status CheckNameFree(const SimProject& project, const std::string& name) {
    for (const auto& t : project.timelines) {
        if (t.name == name)
            return AlreadyExistsError("project '" + project.name + "' already has a timeline named '" + name + "'");
    }
    return Status::Ok();
}

void Describe(SimContext& ctx, const SimTimeline& timeline, v1::Timeline& out) {
    ToProto(timeline, timeline.id == ctx.Project().current_timeline_id, out);
}

double ProjectFps(SimProject& project) {
    const double fps = std::strtod(project.settings["timelineFrameRate"].c_str(), nullptr);
    return fps > 0 ? fps : 24;
}

}  // namespace

Status ListTimelines(SimContext& ctx, const v1::ListTimelinesRequest&, v1::ListTimelinesResponse& response) {
    for (const auto& timeline : ctx.Project().timelines) Describe(ctx, timeline, *response.add_timelines());
    return Status::Ok();
}

Status CreateTimeline(SimContext& ctx, const v1::CreateTimelineRequest& request, v1::CreateTimelineResponse& response) {
    auto& project = ctx.Project();
    GANTRY_RETURN_IF_ERROR(CheckNameFree(project, request.name()));
    auto timeline = NewTimeline(request.name(), ProjectFps(project));
    google::protobuf::RepeatedPtrField<v1::ClipPlacement> placements;
    for (const auto& id : request.clip_ids()) placements.Add()->set_clip_id(id);
    std::vector<v1::TimelineItem> items;
    GANTRY_RETURN_IF_ERROR(PlaceClips(ctx, timeline, placements, items));
    project.timelines.push_back(std::move(timeline));
    project.current_timeline_id = project.timelines.back().id;
    Describe(ctx, project.timelines.back(), *response.mutable_timeline());
    return Status::Ok();
}

Status DeleteTimelines(SimContext& ctx, const v1::DeleteTimelinesRequest& request, v1::DeleteTimelinesResponse&) {
    auto& project = ctx.Project();
    for (const auto& id : request.timeline_ids()) GANTRY_RETURN_IF_ERROR(ctx.Timeline(id).status());
    const std::set<std::string> doomed(request.timeline_ids().begin(), request.timeline_ids().end());
    std::erase_if(project.timelines, [&](const SimTimeline& t) { return doomed.count(t.id) > 0; });
    if (doomed.count(project.current_timeline_id)) {
        project.current_timeline_id = project.timelines.empty() ? "" : project.timelines.front().id;
    }
    return Status::Ok();
}

Status SetCurrentTimeline(SimContext& ctx, const v1::SetCurrentTimelineRequest& request,
                          v1::SetCurrentTimelineResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    ctx.Project().current_timeline_id = timeline->id;
    Describe(ctx, *timeline, *response.mutable_timeline());
    return Status::Ok();
}

Status DuplicateTimeline(SimContext& ctx, const v1::DuplicateTimelineRequest& request,
                         v1::DuplicateTimelineResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* source, ctx.Timeline(request.timeline_id()));
    auto copy = *source;
    copy.name = request.name().empty() ? source->name + " copy" : request.name();
    GANTRY_RETURN_IF_ERROR(CheckNameFree(ctx.Project(), copy.name));
    copy.id = NewId();
    for (auto* tracks : {&copy.video, &copy.audio, &copy.subtitle}) {
        for (auto& track : *tracks) {
            for (auto& item : track.items) item.id = NewId();
        }
    }
    ctx.Project().timelines.push_back(std::move(copy));
    Describe(ctx, ctx.Project().timelines.back(), *response.mutable_timeline());
    return Status::Ok();
}

Status AppendClips(SimContext& ctx, const v1::AppendClipsRequest& request, v1::AppendClipsResponse& response) {
    SimTimeline* timeline = nullptr;
    if (request.timeline_id().empty()) {
        GANTRY_ASSIGN_OR_RETURN(timeline, ctx.CurrentTimeline());
    } else {
        GANTRY_ASSIGN_OR_RETURN(timeline, ctx.Timeline(request.timeline_id()));
    }
    std::vector<v1::TimelineItem> items;
    GANTRY_RETURN_IF_ERROR(PlaceClips(ctx, *timeline, request.clips(), items));
    ctx.Project().current_timeline_id = timeline->id;  // Resolve appends to the current timeline
    for (auto& item : items) *response.add_items() = std::move(item);
    return Status::Ok();
}

Status ListTracks(SimContext& ctx, const v1::ListTracksRequest& request, v1::ListTracksResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    for (auto type : {v1::TRACK_TYPE_VIDEO, v1::TRACK_TYPE_AUDIO, v1::TRACK_TYPE_SUBTITLE}) {
        const auto& tracks = Tracks(*timeline, type);
        for (size_t i = 0; i < tracks.size(); ++i)
            ToProto(tracks[i], type, static_cast<int>(i + 1), *response.add_tracks());
    }
    return Status::Ok();
}

Status AddTrack(SimContext& ctx, const v1::AddTrackRequest& request, v1::AddTrackResponse& response) {
    static const std::set<std::string> kAudioSubTypes = {"mono", "stereo", "5.1", "5.1film", "7.1", "7.1film"};
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    std::string sub_type = request.sub_type();
    if (request.type() == v1::TRACK_TYPE_AUDIO) {
        if (sub_type.empty()) sub_type = "stereo";
        const bool adaptive = sub_type.rfind("adaptive", 0) == 0;
        if (!kAudioSubTypes.count(sub_type) && !adaptive) {
            return InvalidArgumentError("unknown audio track type '" + sub_type +
                                        "': use mono, stereo, 5.1, 5.1film, 7.1, 7.1film or adaptive1..adaptive24");
        }
    } else if (!sub_type.empty()) {
        return InvalidArgumentError("sub_type applies to audio tracks only");
    }
    auto& tracks = Tracks(*timeline, request.type());
    std::string label = TrackTypeName(request.type());
    label[0] = static_cast<char>(std::toupper(label[0]));
    tracks.push_back({label + " " + std::to_string(tracks.size() + 1), true, false, sub_type, {}});
    ToProto(tracks.back(), request.type(), static_cast<int>(tracks.size()), *response.mutable_track());
    return Status::Ok();
}

Status UpdateTrack(SimContext& ctx, const v1::UpdateTrackRequest& request, v1::UpdateTrackResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    GANTRY_ASSIGN_OR_RETURN(auto* track, TrackAt(*timeline, request.type(), request.index()));
    if (request.has_name()) {
        if (request.name().empty()) return InvalidArgumentError("a track name cannot be empty");
        track->name = request.name();
    }
    if (request.has_enabled()) track->enabled = request.enabled();
    if (request.has_locked()) track->locked = request.locked();
    ToProto(*track, request.type(), request.index(), *response.mutable_track());
    return Status::Ok();
}

Status ListItems(SimContext& ctx, const v1::ListItemsRequest& request, v1::ListItemsResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    GANTRY_ASSIGN_OR_RETURN(auto* track, TrackAt(*timeline, request.type(), request.index()));
    for (const auto& item : track->items) ToProto(item, request.type(), request.index(), *response.add_items());
    return Status::Ok();
}

Status GetTimecode(SimContext& ctx, const v1::GetTimecodeRequest& request, v1::GetTimecodeResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    response.set_timecode(FramesToTimecode(timeline->playhead, timeline->fps));
    return Status::Ok();
}

Status SetTimecode(SimContext& ctx, const v1::SetTimecodeRequest& request, v1::SetTimecodeResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    GANTRY_ASSIGN_OR_RETURN(const int frame, TimecodeToFrames(request.timecode(), timeline->fps));
    const int last = std::max(TimelineEnd(*timeline), timeline->start_frame + 1);
    if (frame < timeline->start_frame || frame >= last) {
        return OutOfRangeError("timecode " + request.timecode() + " is outside timeline '" + timeline->name + "' (" +
                               FramesToTimecode(timeline->start_frame, timeline->fps) + " to " +
                               FramesToTimecode(last, timeline->fps) + ", end exclusive)");
    }
    timeline->playhead = frame;
    response.set_timecode(FramesToTimecode(frame, timeline->fps));
    return Status::Ok();
}

Status ExportTimeline(SimContext& ctx, const v1::ExportTimelineRequest& request, v1::ExportTimelineResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    std::string content;
    switch (request.format()) {
        case v1::EXPORT_FORMAT_EDL:
            content = ExportEdl(ctx.Project(), *timeline);
            break;
        case v1::EXPORT_FORMAT_FCPXML:
            content = ExportFcpxml(ctx.Project(), *timeline);
            break;
        case v1::EXPORT_FORMAT_OTIO:
            content = ExportOtio(ctx.Project(), *timeline);
            break;
        default:
            return UnimplementedError("the simulator writes EDL, FCPXML and OTIO; AAF needs a real Resolve backend");
    }
    std::ofstream out(request.path(), std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) return FailedPreconditionError("cannot write '" + request.path() + "'");
    response.set_path(request.path());
    response.set_size_bytes(static_cast<int64_t>(content.size()));
    return Status::Ok();
}

}  // namespace gantry::resolve::sim

namespace gantry::resolve::sim {

Status ImportTimeline(SimContext& ctx, const v1::ImportTimelineRequest& request, v1::ImportTimelineResponse& response) {
    std::ifstream in(request.path());
    if (!in) return NotFoundError("cannot read '" + request.path() + "'");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Work on a copy so that a failed import (which may add clips) leaves the project as it was.
    auto& project = ctx.Project();
    const auto before = project;
    auto imported = ImportOtio(ctx, text, request.name());
    if (imported.ok()) {
        if (auto clash = CheckNameFree(project, imported->name); !clash.ok()) imported = clash;
    }
    if (!imported.ok()) {
        project = before;
        return imported.status();
    }
    project.timelines.push_back(std::move(*imported));
    project.current_timeline_id = project.timelines.back().id;
    Describe(ctx, project.timelines.back(), *response.mutable_timeline());
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
