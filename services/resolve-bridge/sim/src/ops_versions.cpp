// Grade versions of a timeline item (local and remote) and its Fusion compositions.
#include <algorithm>

#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

std::vector<std::string>& Versions(SimItem& item, v1::VersionType type) {
    return type == v1::VERSION_TYPE_REMOTE ? item.remote_versions : item.local_versions;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Status ListVersions(SimContext& ctx, const v1::ListVersionsRequest& request, v1::ListVersionsResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    for (const auto& name : Versions(*ref.item, request.type())) response.add_names(name);
    response.set_current(ref.item->current_version);
    return Status::Ok();
}

Status AddVersion(SimContext& ctx, const v1::AddVersionRequest& request, v1::AddVersionResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    auto& names = Versions(*ref.item, request.type());
    if (Contains(names, request.name())) {
        return AlreadyExistsError("item '" + ref.item->name + "' already has a version named '" + request.name() + "'");
    }
    names.push_back(request.name());
    ref.item->current_version = request.name();  // Resolve switches to the new version
    return Status::Ok();
}

Status LoadVersion(SimContext& ctx, const v1::LoadVersionRequest& request, v1::LoadVersionResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    if (!Contains(Versions(*ref.item, request.type()), request.name())) {
        return NotFoundError("item '" + ref.item->name + "' has no version named '" + request.name() + "'");
    }
    ref.item->current_version = request.name();
    return Status::Ok();
}

Status ListFusionComps(SimContext& ctx, const v1::ListFusionCompsRequest& request,
                       v1::ListFusionCompsResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    for (const auto& name : ref.item->fusion_comps) response.add_names(name);
    return Status::Ok();
}

Status AddFusionComp(SimContext& ctx, const v1::AddFusionCompRequest& request, v1::AddFusionCompResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    if (ref.type != v1::TRACK_TYPE_VIDEO)
        return FailedPreconditionError("item '" + ref.item->name + "' is not a video item");
    auto& comps = ref.item->fusion_comps;
    comps.push_back("Composition " + std::to_string(comps.size() + 1));
    response.set_name(comps.back());
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
