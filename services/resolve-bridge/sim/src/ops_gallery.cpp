// Color groups of the project and still albums of the gallery.
#include <algorithm>

#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Status ListColorGroups(SimContext& ctx, const v1::ListColorGroupsRequest&, v1::ListColorGroupsResponse& response) {
    for (const auto& name : ctx.Project().color_groups) response.add_names(name);
    return Status::Ok();
}

Status CreateColorGroup(SimContext& ctx, const v1::CreateColorGroupRequest& request, v1::CreateColorGroupResponse&) {
    auto& groups = ctx.Project().color_groups;
    if (Contains(groups, request.name()))
        return AlreadyExistsError("a color group named '" + request.name() + "' exists");
    groups.push_back(request.name());
    return Status::Ok();
}

Status AssignColorGroup(SimContext& ctx, const v1::AssignColorGroupRequest& request, v1::AssignColorGroupResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    if (!Contains(ctx.Project().color_groups, request.group_name())) {
        return NotFoundError("no color group '" + request.group_name() + "'");
    }
    if (ref.type != v1::TRACK_TYPE_VIDEO)
        return FailedPreconditionError("item '" + ref.item->name + "' is not a video item");
    ref.item->color_group = request.group_name();
    return Status::Ok();
}

Status ListAlbums(SimContext& ctx, const v1::ListAlbumsRequest&, v1::ListAlbumsResponse& response) {
    for (const auto& name : ctx.Project().albums) response.add_albums(name);
    response.set_current(ctx.Project().current_album);
    return Status::Ok();
}

Status CreateAlbum(SimContext& ctx, const v1::CreateAlbumRequest& request, v1::CreateAlbumResponse&) {
    auto& project = ctx.Project();
    if (Contains(project.albums, request.name())) {
        return AlreadyExistsError("a still album named '" + request.name() + "' exists");
    }
    project.albums.push_back(request.name());
    project.current_album = request.name();
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
