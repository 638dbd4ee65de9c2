// Takes of a timeline item: alternative clips, 1-based, one selected.
#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

void Describe(const SimTake& take, int index, v1::Take& out) {
    out.set_index(index);
    out.set_clip_id(take.clip_id);
    out.set_start_frame(take.start_frame);
    out.set_end_frame(take.end_frame);
}

}  // namespace

Status ListTakes(SimContext& ctx, const v1::ListTakesRequest& request, v1::ListTakesResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    for (size_t i = 0; i < ref.item->takes.size(); ++i) {
        Describe(ref.item->takes[i], static_cast<int>(i + 1), *response.add_takes());
    }
    response.set_selected_index(ref.item->selected_take);
    return Status::Ok();
}

Status AddTake(SimContext& ctx, const v1::AddTakeRequest& request, v1::AddTakeResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    GANTRY_ASSIGN_OR_RETURN(auto* clip, ctx.Clip(request.clip_id()));
    SimTake take{clip->id, request.has_start_frame() ? request.start_frame() : 0,
                 request.has_end_frame() ? request.end_frame() : clip->frames};
    if (take.start_frame < 0 || take.end_frame > clip->frames || take.start_frame >= take.end_frame) {
        return OutOfRangeError("take range " + std::to_string(take.start_frame) + ".." +
                               std::to_string(take.end_frame) + " is not within clip '" + clip->name + "' (0.." +
                               std::to_string(clip->frames) + ", end exclusive)");
    }
    auto& item = *ref.item;
    if (item.takes.empty()) {
        // As in Resolve, the item's own clip becomes take 1 of the new take selector.
        item.takes.push_back({item.clip_id, item.source_start, item.source_end});
        item.selected_take = 1;
    }
    item.takes.push_back(take);
    Describe(take, static_cast<int>(item.takes.size()), *response.mutable_take());
    return Status::Ok();
}

Status SelectTake(SimContext& ctx, const v1::SelectTakeRequest& request, v1::SelectTakeResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    auto& item = *ref.item;
    if (request.index() < 1 || request.index() > static_cast<int>(item.takes.size())) {
        return OutOfRangeError("item '" + item.name + "' has " + std::to_string(item.takes.size()) +
                               " take(s); index " + std::to_string(request.index()) + " does not exist (1-based)");
    }
    const auto& take = item.takes[static_cast<size_t>(request.index() - 1)];
    item.selected_take = request.index();
    item.clip_id = take.clip_id;
    item.source_start = take.start_frame;
    item.source_end = take.start_frame + (item.end - item.start);
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
