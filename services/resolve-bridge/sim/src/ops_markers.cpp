// Markers on timelines, clips and items: one marker per frame, frames relative to the owner's start.
#include "convert.hpp"
#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

struct Owner {
    MarkerMap* markers = nullptr;
    int length = 0;  // frames a marker may start in; 0 = unbounded (timelines)
    std::string label;
};

StatusOr<Owner> FindOwner(SimContext& ctx, const v1::MarkerOwner& owner) {
    switch (owner.owner_case()) {
        case v1::MarkerOwner::kTimelineId: {
            GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(owner.timeline_id()));
            return Owner{&timeline->markers, 0, "timeline '" + timeline->name + "'"};
        }
        case v1::MarkerOwner::kClipId: {
            GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(owner.clip_id()));
            return Owner{&clip->markers, clip->frames, "clip '" + clip->name + "'"};
        }
        case v1::MarkerOwner::kItemId: {
            GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(owner.item_id()));
            return Owner{&ref.item->markers, ref.item->end - ref.item->start, "item '" + ref.item->name + "'"};
        }
        default:
            return InvalidArgumentError("owner needs one of timeline_id, clip_id or item_id");
    }
}

}  // namespace

Status AddMarker(SimContext& ctx, const v1::AddMarkerRequest& request, v1::AddMarkerResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto owner, FindOwner(ctx, request.owner()));
    const auto& m = request.marker();
    if (owner.length > 0 && m.frame() >= owner.length) {
        return OutOfRangeError("frame " + std::to_string(m.frame()) + " is past the end of " + owner.label + " (" +
                               std::to_string(owner.length) + " frames)");
    }
    if (owner.markers->count(m.frame())) {
        return AlreadyExistsError(owner.label + " already has a marker at frame " + std::to_string(m.frame()));
    }
    SimMarker marker{m.frame(), m.color(), m.name(), m.note(), m.duration(), m.custom_data()};
    ToProto(marker, *response.mutable_marker());
    (*owner.markers)[m.frame()] = std::move(marker);
    return Status::Ok();
}

Status ListMarkers(SimContext& ctx, const v1::ListMarkersRequest& request, v1::ListMarkersResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto owner, FindOwner(ctx, request.owner()));
    for (const auto& [frame, marker] : *owner.markers) ToProto(marker, *response.add_markers());
    return Status::Ok();
}

Status DeleteMarker(SimContext& ctx, const v1::DeleteMarkerRequest& request, v1::DeleteMarkerResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto owner, FindOwner(ctx, request.owner()));
    if (owner.markers->erase(request.frame()) == 0) {
        return NotFoundError(owner.label + " has no marker at frame " + std::to_string(request.frame()));
    }
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
