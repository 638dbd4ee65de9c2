// Color operations on an item's grade (LUT and CDL per node) and stills in the gallery.
#include <filesystem>
#include <fstream>

#include "ids.hpp"
#include "lut_export.hpp"
#include "ops.hpp"
#include "timecode.hpp"

namespace gantry::resolve::sim {
namespace {

StatusOr<SimItem*> VideoItem(SimContext& ctx, const std::string& id) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(id));
    if (ref.type != v1::TRACK_TYPE_VIDEO)
        return FailedPreconditionError("item '" + ref.item->name + "' has no grade (not a video item)");
    return ref.item;
}

Status CheckNode(const SimItem& item, int node) {
    if (node > item.grade.node_count) {
        return OutOfRangeError("item '" + item.name + "' has " + std::to_string(item.grade.node_count) +
                               " node(s); node " + std::to_string(node) +
                               " does not exist (nodes cannot be added through the scripting API)");
    }
    return Status::Ok();
}

}  // namespace

Status ApplyLut(SimContext& ctx, const v1::ApplyLutRequest& request, v1::ApplyLutResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* item, VideoItem(ctx, request.item_id()));
    GANTRY_RETURN_IF_ERROR(CheckNode(*item, request.node_index()));
    const std::filesystem::path lut(request.lut_path());
    std::error_code ec;
    if (!lut.is_absolute()) return InvalidArgumentError("the simulator needs an absolute LUT path");
    if (!std::filesystem::is_regular_file(lut, ec)) return NotFoundError("no LUT file '" + request.lut_path() + "'");
    item->grade.luts[request.node_index()] = request.lut_path();
    return Status::Ok();
}

Status SetCdl(SimContext& ctx, const v1::SetCdlRequest& request, v1::SetCdlResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* item, VideoItem(ctx, request.item_id()));
    GANTRY_RETURN_IF_ERROR(CheckNode(*item, request.node_index()));
    std::vector<double> cdl(request.slope().begin(), request.slope().end());
    cdl.insert(cdl.end(), request.offset().begin(), request.offset().end());
    cdl.insert(cdl.end(), request.power().begin(), request.power().end());
    cdl.push_back(request.saturation());
    item->grade.cdls[request.node_index()] = std::move(cdl);
    return Status::Ok();
}

Status CopyGrade(SimContext& ctx, const v1::CopyGradeRequest& request, v1::CopyGradeResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto* source, VideoItem(ctx, request.source_item_id()));
    std::vector<SimItem*> targets;
    for (const auto& id : request.target_item_ids()) {
        GANTRY_ASSIGN_OR_RETURN(auto* target, VideoItem(ctx, id));
        targets.push_back(target);
    }
    for (auto* target : targets) target->grade = source->grade;
    return Status::Ok();
}

Status GrabStill(SimContext& ctx, const v1::GrabStillRequest& request, v1::GrabStillResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* timeline, ctx.Timeline(request.timeline_id()));
    bool on_item = false;
    for (const auto& track : timeline->video) {
        for (const auto& item : track.items)
            on_item = on_item || (item.start <= timeline->playhead && timeline->playhead < item.end);
    }
    if (!on_item) {
        return FailedPreconditionError("no video item under the playhead of timeline '" + timeline->name +
                                       "' (move it with SetTimecode)");
    }
    auto& project = ctx.Project();
    project.current_timeline_id = timeline->id;
    SimStill still{NewId(), FramesToTimecode(timeline->playhead, timeline->fps), project.current_album, timeline->id,
                   timeline->playhead};
    auto& out = *response.mutable_still();
    out.set_id(still.id);
    out.set_label(still.label);
    out.set_album(still.album);
    project.stills.push_back(std::move(still));
    return Status::Ok();
}

Status ListStills(SimContext& ctx, const v1::ListStillsRequest& request, v1::ListStillsResponse& response) {
    auto& project = ctx.Project();
    const std::string album = request.album().empty() ? project.current_album : request.album();
    if (std::find(project.albums.begin(), project.albums.end(), album) == project.albums.end()) {
        return NotFoundError("no gallery album '" + album + "'");
    }
    for (const auto& still : project.stills) {
        if (still.album != album) continue;
        auto& out = *response.add_stills();
        out.set_id(still.id);
        out.set_label(still.label);
        out.set_album(still.album);
    }
    return Status::Ok();
}

}  // namespace gantry::resolve::sim

namespace gantry::resolve::sim {

Status ExportLut(SimContext& ctx, const v1::ExportLutRequest& request, v1::ExportLutResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto* item, VideoItem(ctx, request.item_id()));
    int size = 0;
    switch (request.type()) {
        case v1::LUT_EXPORT_TYPE_CUBE_17:
            size = 17;
            break;
        case v1::LUT_EXPORT_TYPE_CUBE_33:
            size = 33;
            break;
        case v1::LUT_EXPORT_TYPE_CUBE_65:
            size = 65;
            break;
        default:
            return UnimplementedError("the simulator writes .cube LUTs; Panasonic VLUT needs a real Resolve");
    }
    if (!item->grade.luts.empty()) {
        return FailedPreconditionError("item '" + item->name +
                                       "' has a LUT on a node; the simulator can only bake CDL grades into a LUT");
    }
    std::ofstream out(request.path(), std::ios::trunc);
    out << CubeLut(item->grade, size, item->name);
    out.close();
    if (!out) return FailedPreconditionError("cannot write '" + request.path() + "'");
    response.set_path(request.path());
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
