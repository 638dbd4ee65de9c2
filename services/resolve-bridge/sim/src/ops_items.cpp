// Timeline item properties. Request fields map to Resolve's property names (zoom_x -> ZoomX).
#include <cctype>

#include "convert.hpp"
#include "ops.hpp"

namespace gantry::resolve::sim {
namespace {

using google::protobuf::FieldDescriptor;

const std::map<std::string, double>& Defaults() {
    static const std::map<std::string, double> defaults = {{"Pan", 0},           {"Tilt", 0},
                                                           {"ZoomX", 1},         {"ZoomY", 1},
                                                           {"ZoomGang", 1},      {"RotationAngle", 0},
                                                           {"AnchorPointX", 0},  {"AnchorPointY", 0},
                                                           {"Pitch", 0},         {"Yaw", 0},
                                                           {"FlipX", 0},         {"FlipY", 0},
                                                           {"CropLeft", 0},      {"CropRight", 0},
                                                           {"CropTop", 0},       {"CropBottom", 0},
                                                           {"CropSoftness", 0},  {"CropRetain", 0},
                                                           {"CompositeMode", 0}, {"Opacity", 100},
                                                           {"RetimeProcess", 0}, {"MotionEstimation", 0},
                                                           {"Distortion", 0},    {"DynamicZoomEase", 0}};
    return defaults;
}

/// Resolve's accepted range per property (inclusive).
const std::map<std::string, std::pair<double, double>>& Ranges() {
    static const std::map<std::string, std::pair<double, double>> ranges = {
        {"ZoomX", {0, 100}},          {"ZoomY", {0, 100}},        {"RotationAngle", {-360, 360}},
        {"Pitch", {-1.5, 1.5}},       {"Yaw", {-1.5, 1.5}},       {"CropSoftness", {-100, 100}},
        {"Opacity", {0, 100}},        {"CompositeMode", {0, 31}}, {"RetimeProcess", {0, 3}},
        {"MotionEstimation", {0, 6}}, {"CropLeft", {0, 16384}},   {"CropRight", {0, 16384}},
        {"CropTop", {0, 16384}},      {"CropBottom", {0, 16384}}};
    return ranges;
}

std::string ResolveName(const std::string& field) {
    std::string out;
    bool upper = true;
    for (char c : field) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

std::map<std::string, double> Properties(const SimItem& item) {
    auto all = Defaults();
    for (const auto& [k, v] : item.properties) all[k] = v;
    return all;
}

/// Applies every set field except item_id, after checking them all.
Status SetProperties(SimContext& ctx, const google::protobuf::Message& request, const std::string& item_id,
                     v1::SetItemPropertiesResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(item_id));
    if (ref.type != v1::TRACK_TYPE_VIDEO)
        return FailedPreconditionError("item '" + ref.item->name + "' is not a video item");
    const auto* reflection = request.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(request, &fields);
    std::map<std::string, double> changes;
    for (const auto* field : fields) {
        if (field->name() == "item_id") continue;
        double value = 0;
        switch (field->cpp_type()) {
            case FieldDescriptor::CPPTYPE_DOUBLE:
                value = reflection->GetDouble(request, field);
                break;
            case FieldDescriptor::CPPTYPE_INT32:
                value = reflection->GetInt32(request, field);
                break;
            case FieldDescriptor::CPPTYPE_BOOL:
                value = reflection->GetBool(request, field) ? 1 : 0;
                break;
            default:
                continue;
        }
        const auto name = ResolveName(field->name());
        if (const auto it = Ranges().find(name);
            it != Ranges().end() && (value < it->second.first || value > it->second.second)) {
            return InvalidArgumentError(field->name() + " must be within " + std::to_string(it->second.first) + ".." +
                                        std::to_string(it->second.second));
        }
        changes[name] = value;
    }
    if (changes.empty()) return InvalidArgumentError("set at least one property besides item_id");
    for (const auto& [k, v] : changes) ref.item->properties[k] = v;
    for (const auto& [k, v] : Properties(*ref.item)) (*response.mutable_properties())[k] = v;
    return Status::Ok();
}

}  // namespace

Status GetItem(SimContext& ctx, const v1::GetItemRequest& request, v1::GetItemResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    ToProto(*ref.item, ref.type, ref.track_index, *response.mutable_item());
    if (ref.type == v1::TRACK_TYPE_VIDEO) {
        for (const auto& [k, v] : Properties(*ref.item)) (*response.mutable_properties())[k] = v;
    }
    return Status::Ok();
}

Status SetItemTransform(SimContext& ctx, const v1::SetItemTransformRequest& request,
                        v1::SetItemPropertiesResponse& response) {
    return SetProperties(ctx, request, request.item_id(), response);
}

Status SetItemCrop(SimContext& ctx, const v1::SetItemCropRequest& request, v1::SetItemPropertiesResponse& response) {
    return SetProperties(ctx, request, request.item_id(), response);
}

Status SetItemComposite(SimContext& ctx, const v1::SetItemCompositeRequest& request,
                        v1::SetItemPropertiesResponse& response) {
    return SetProperties(ctx, request, request.item_id(), response);
}

Status SetItemRetime(SimContext& ctx, const v1::SetItemRetimeRequest& request,
                     v1::SetItemPropertiesResponse& response) {
    return SetProperties(ctx, request, request.item_id(), response);
}

Status ResetItemProperties(SimContext& ctx, const v1::ResetItemPropertiesRequest& request,
                           v1::SetItemPropertiesResponse& response) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    if (ref.type != v1::TRACK_TYPE_VIDEO)
        return FailedPreconditionError("item '" + ref.item->name + "' is not a video item");
    ref.item->properties.clear();
    for (const auto& [k, v] : Defaults()) (*response.mutable_properties())[k] = v;
    return Status::Ok();
}

Status SetItemEnabled(SimContext& ctx, const v1::SetItemEnabledRequest& request, v1::SetItemEnabledResponse&) {
    GANTRY_ASSIGN_OR_RETURN(auto ref, ctx.Item(request.item_id()));
    ref.item->enabled = request.enabled();
    return Status::Ok();
}

}  // namespace gantry::resolve::sim
